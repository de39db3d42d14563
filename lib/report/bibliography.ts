/**
 * The sources the workbook's rules, attacks and claims rest on, as BibTeX
 * entries keyed by the citation keys lib/claims/statements.ts uses (where the
 * attacks cite a source under another key, that key is an alias). `aliases` lets a check or
 * attack cite a source under another common key (the entry is then written
 * under the key that was cited, so `\cite{...}` in a paper works as is).
 */
export interface Source {
  key: string;
  aliases: string[];
  type: 'article' | 'inproceedings' | 'misc' | 'book' | 'incollection';
  fields: Record<string, string>;
}

export const SOURCES: readonly Source[] = [
  {
    key: 'damaskinos2019aggregathor', aliases: ['aggregathor', 'damaskinos2019', 'aggregathor2019'], type: 'inproceedings',
    fields: { author: 'Damaskinos, Georgios and El Mhamdi, El Mahdi and Guerraoui, Rachid and Guirguis, Arsany and Rouault, S{\\\'e}bastien', title: '{AggregaThor}: Byzantine Machine Learning via Robust Gradient Aggregation', booktitle: 'Proceedings of Machine Learning and Systems (SysML)', year: '2019', pages: '81--106' },
  },
  {
    key: 'aggregathor2019supplementary', aliases: ['aggregathor-supplementary', 'supplementary', 'aggregathor-proofs', 'aggregathorsupp'], type: 'misc',
    fields: { author: 'Damaskinos, Georgios and El Mhamdi, El Mahdi and Guerraoui, Rachid and Guirguis, Arsany and Rouault, S{\\\'e}bastien', title: '{AggregaThor}: Byzantine Machine Learning via Robust Gradient Aggregation --- Supplementary Material (proofs of Lemma 1, Lemma 2, Theorems 1 and 2)', year: '2019', note: 'Supplementary proofs of the SysML 2019 paper' },
  },
  {
    key: 'blanchard2017krum', aliases: ['krum', 'blanchard2017', 'blanchard2017machine'], type: 'inproceedings',
    fields: { author: 'Blanchard, Peva and El Mhamdi, El Mahdi and Guerraoui, Rachid and Stainer, Julien', title: 'Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent', booktitle: 'Advances in Neural Information Processing Systems 30 (NeurIPS)', year: '2017', pages: '119--129' },
  },
  {
    key: 'elmhamdi2018bulyan', aliases: ['bulyan', 'elmhamdi2018', 'mhamdi2018', 'mhamdi2018hidden', 'elmhamdi2018hidden', 'leeway', 'hidden-vulnerability'], type: 'inproceedings',
    fields: { author: 'El Mhamdi, El Mahdi and Guerraoui, Rachid and Rouault, S{\\\'e}bastien', title: 'The Hidden Vulnerability of Distributed Learning in {Byzantium}', booktitle: 'Proceedings of the 35th International Conference on Machine Learning (ICML)', series: 'PMLR', volume: '80', year: '2018', pages: '3521--3530' },
  },
  {
    key: 'yin2018median', aliases: ['median', 'trimmed-mean', 'yin2018', 'yin2018byzantine', 'trimmedmean'], type: 'inproceedings',
    fields: { author: 'Yin, Dong and Chen, Yudong and Ramchandran, Kannan and Bartlett, Peter', title: 'Byzantine-Robust Distributed Learning: Towards Optimal Statistical Rates', booktitle: 'Proceedings of the 35th International Conference on Machine Learning (ICML)', series: 'PMLR', volume: '80', year: '2018', pages: '5650--5659' },
  },
  {
    key: 'pillutla2022rfa', aliases: ['geometric-median', 'pillutla2022', 'rfa', 'pillutla2022robust'], type: 'article',
    fields: { author: 'Pillutla, Krishna and Kakade, Sham M. and Harchaoui, Zaid', title: 'Robust Aggregation for Federated Learning', journal: 'IEEE Transactions on Signal Processing', volume: '70', year: '2022', pages: '1142--1154' },
  },
  {
    key: 'baruch2019alie', aliases: ['alie', 'baruch2019', 'baruch2019little'], type: 'inproceedings',
    fields: { author: 'Baruch, Moran and Baruch, Gilad and Goldberg, Yoav', title: 'A Little Is Enough: Circumventing Defenses For Distributed Learning', booktitle: 'Advances in Neural Information Processing Systems 32 (NeurIPS)', year: '2019' },
  },
  {
    key: 'xie2019fall', aliases: ['ipm', 'xie2019', 'xie2019ipm', 'xie2020', 'xie2020fall', 'fall-of-empires'], type: 'inproceedings',
    fields: { author: 'Xie, Cong and Koyejo, Oluwasanmi and Gupta, Indranil', title: 'Fall of Empires: Breaking {Byzantine}-tolerant {SGD} by Inner Product Manipulation', booktitle: 'Proceedings of the 35th Conference on Uncertainty in Artificial Intelligence (UAI)', series: 'PMLR', volume: '115', year: '2019', pages: '261--270' },
  },
  {
    key: 'karimireddy2022byzantine', aliases: ['mimic', 'karimireddy2022', 'karimireddy2022mimic', 'bucketing'], type: 'inproceedings',
    fields: { author: 'Karimireddy, Sai Praneeth and He, Lie and Jaggi, Martin', title: 'Byzantine-Robust Learning on Heterogeneous Datasets via Bucketing', booktitle: 'International Conference on Learning Representations (ICLR)', year: '2022' },
  },
  {
    key: 'bottou1998online', aliases: ['bottou1998', 'bottou', 'online-learning'], type: 'incollection',
    fields: { author: 'Bottou, L{\\\'e}on', title: 'Online Learning and Stochastic Approximations', booktitle: 'On-line Learning in Neural Networks', editor: 'Saad, David', publisher: 'Cambridge University Press', year: '1998', pages: '9--42' },
  },
  {
    key: 'lecun1998mnist', aliases: ['mnist', 'lecun1998', 'lecun1998gradient'], type: 'article',
    fields: { author: 'LeCun, Yann and Bottou, L{\\\'e}on and Bengio, Yoshua and Haffner, Patrick', title: 'Gradient-Based Learning Applied to Document Recognition', journal: 'Proceedings of the IEEE', volume: '86', number: '11', year: '1998', pages: '2278--2324' },
  },
  {
    key: 'fisk1965quasimartingales', aliases: ['fisk1965', 'fisk', 'quasimartingales'], type: 'article',
    fields: { author: 'Fisk, Donald L.', title: 'Quasi-Martingales', journal: 'Transactions of the American Mathematical Society', volume: '120', number: '3', year: '1965', pages: '369--389' },
  },
  {
    key: 'allenzhu2021byzantine', aliases: ['allenzhu2021', 'allen-zhu2021', 'sign-flip'], type: 'inproceedings',
    fields: { author: 'Allen-Zhu, Zeyuan and Ebrahimianghazani, Faeze and Li, Jerry and Alistarh, Dan', title: 'Byzantine-Resilient Non-Convex Stochastic Gradient Descent', booktitle: 'International Conference on Learning Representations (ICLR)', year: '2021' },
  },
  {
    // From the arXiv abstract page of 2302.01772 and the proceedings page (PMLR 206); only the abstract was read (reference/robustness-claims.md).
    key: 'allouah2023fixing', aliases: ['allouah2023', 'fixing-by-mixing'], type: 'inproceedings',
    fields: { author: 'Allouah, Youssef and Farhadkhani, Sadegh and Guerraoui, Rachid and Gupta, Nirupam and Pinot, Rafa{\\"e}l and Stephan, John', title: 'Fixing by Mixing: A Recipe for Optimal {Byzantine} {ML} under Heterogeneity', booktitle: 'Proceedings of The 26th International Conference on Artificial Intelligence and Statistics (AISTATS)', series: 'PMLR', volume: '206', year: '2023', pages: '1232--1300', eprint: '2302.01772', archiveprefix: 'arXiv' },
  },
  {
    // From the arXiv abstract page of 2602.03899 (arxiv.org/html/2602.03899v1); only the abstract was read (reference/robustness-claims.md).
    key: 'bareilles2026multikrum', aliases: ['bareilles2026'], type: 'misc',
    fields: { author: 'Bareilles, Gilles and Bouaziz, Wassim and Fageot, Julien and El-Mhamdi, El-Mahdi', title: '{Byzantine} Machine Learning: {MultiKrum} and an optimal notion of robustness', year: '2026', eprint: '2602.03899', archiveprefix: 'arXiv', note: 'arXiv:2602.03899' },
  },
  {
    key: 'robbins1951sa', aliases: ['robbins1951', 'robbins-monro'], type: 'article',
    fields: { author: 'Robbins, Herbert and Monro, Sutton', title: 'A Stochastic Approximation Method', journal: 'The Annals of Mathematical Statistics', volume: '22', number: '3', year: '1951', pages: '400--407' },
  },
];

/** The source for a citation key (exact key or alias, case-insensitive), or undefined. */
export function findSource(key: string): Source | undefined {
  const k = key.toLowerCase();
  return SOURCES.find((s) => s.key.toLowerCase() === k || s.aliases.some((a) => a.toLowerCase() === k));
}

/** The citation keys of the rules the workbook ships, by rule name. */
export const RULE_SOURCES: Record<string, string[]> = {
  average: ['bottou1998online'],
  median: ['yin2018median'],
  'trimmed-mean': ['yin2018median'],
  'geometric-median': ['pillutla2022rfa'],
  krum: ['blanchard2017krum'],
  'multi-krum': ['damaskinos2019aggregathor', 'blanchard2017krum'],
  bulyan: ['elmhamdi2018bulyan'],
  aggregathor: ['damaskinos2019aggregathor', 'elmhamdi2018bulyan'],
};
