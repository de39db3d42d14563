/**
 * Renders the LaTeX of claim statements as readable Unicode, without a math
 * engine (KaTeX and MathJax are not dependencies, and the report must work
 * offline): Greek letters and relations become their Unicode characters,
 * `\frac{a}{b}` becomes `a/b` (parenthesised when needed), `\sqrt{x}` becomes
 * `√(x)`, `\tilde{m}` becomes `m̃`, and sub/superscripts become `<sub>`/`<sup>`
 * in HTML or Unicode super/subscript digits (else `^(…)`, `_…`) in text.
 *
 * @example texToText('\\eta^2(n, f) \\le \\frac{2 d \\sigma^2}{m}') // 'η²(n, f) ≤ (2 d σ²)/m'
 */
const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', Gamma: 'Γ', delta: 'δ', Delta: 'Δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', Theta: 'Θ', kappa: 'κ', lambda: 'λ', Lambda: 'Λ', mu: 'μ', nu: 'ν', xi: 'ξ', Xi: 'Ξ', pi: 'π', Pi: 'Π', rho: 'ρ',
  sigma: 'σ', Sigma: 'Σ', tau: 'τ', phi: 'φ', varphi: 'φ', Phi: 'Φ', chi: 'χ', psi: 'ψ', Psi: 'Ψ', omega: 'ω', Omega: 'Ω',
  nabla: '∇', partial: '∂', sum: 'Σ', prod: '∏', int: '∫', infty: '∞', le: '≤', leq: '≤', ge: '≥', geq: '≥', neq: '≠', ne: '≠',
  lt: '<', gt: '>', to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', implies: '⟹', iff: '⟺', mapsto: '↦', in: '∈',
  notin: '∉', subset: '⊂', subseteq: '⊆', cup: '∪', cap: '∩', emptyset: '∅', forall: '∀', exists: '∃', mid: '|', cdot: '·',
  times: '×', pm: '±', mp: '∓', ldots: '…', dots: '…', cdots: '⋯', approx: '≈', sim: '∼', simeq: '≃', equiv: '≡', propto: '∝',
  '|': '‖', lVert: '‖', rVert: '‖', Vert: '‖', vert: '|', lvert: '|', rvert: '|', langle: '⟨', rangle: '⟩', lfloor: '⌊', rfloor: '⌋',
  lceil: '⌈', rceil: '⌉', '{': '{', '}': '}', '%': '%', '&': '&', '#': '#', _: '_', star: '⋆', ast: '∗', circ: '∘', perp: '⊥',
  prime: '′', ll: '≪', gg: '≫', land: '∧', lor: '∨', neg: '¬', setminus: '∖', top: '⊤',
  quad: '  ', qquad: '    ', ',': ' ', ';': ' ', ':': ' ', '!': '', ' ': ' ', left: '', right: '', big: '', Big: '', bigg: '', Bigg: '',
  displaystyle: '', textstyle: '', limits: '', nolimits: '',
  '\\': ' ',
};
/** Operator names: written upright and followed by a space, so `\sin\alpha` reads `sin α`. */
const OPERATORS = new Set(['min', 'max', 'log', 'ln', 'exp', 'sin', 'cos', 'tan', 'arg', 'argmin', 'argmax', 'lim', 'sup', 'inf', 'det', 'Pr', 'dim', 'deg', 'gcd']);
const BLACKBOARD: Record<string, string> = { E: '𝔼', R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', P: 'ℙ', I: '𝕀' };
const ACCENTS: Record<string, string> = { tilde: '\u0303', widetilde: '\u0303', hat: '\u0302', widehat: '\u0302', bar: '\u0304', overline: '\u0305', dot: '\u0307', ddot: '\u0308', vec: '\u20d7' };
const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '−': '⁻', n: 'ⁿ', i: 'ⁱ', r: 'ʳ', '(': '⁽', ')': '⁾' };
const SUBSCRIPT: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '-': '₋', '−': '₋', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', t: 'ₜ', n: 'ₙ', m: 'ₘ', r: 'ᵣ', '(': '₍', ')': '₎' };

export type MathTarget = 'html' | 'text';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

class TexReader {
  private i = 0;
  constructor(private readonly src: string, private readonly target: MathTarget) {}

  /** Reads until the end or an unmatched `}`. */
  sequence(): string {
    let out = '';
    while (this.i < this.src.length && this.src[this.i] !== '}') out += this.atom();
    return out;
  }

  private group(): string {
    this.skipSpaces();
    if (this.i >= this.src.length || this.src[this.i] === '}') return ''; // a dangling ^, _ or command argument
    if (this.src[this.i] === '{') {
      this.i++;
      const s = this.sequence();
      if (this.src[this.i] === '}') this.i++;
      return s;
    }
    return this.atom();
  }

  private optional(): string | undefined {
    this.skipSpaces();
    if (this.src[this.i] !== '[') return undefined;
    const end = this.src.indexOf(']', this.i);
    if (end < 0) return undefined;
    const inner = new TexReader(this.src.slice(this.i + 1, end), this.target).sequence();
    this.i = end + 1;
    return inner;
  }

  private skipSpaces(): void {
    while (this.src[this.i] === ' ') this.i++;
  }

  private atom(): string {
    const ch = this.src[this.i];
    if (ch === '\\') return this.command();
    if (ch === '{') {
      this.i++;
      const s = this.sequence();
      if (this.src[this.i] === '}') this.i++;
      return s;
    }
    if (ch === '^' || ch === '_') {
      this.i++;
      return this.script(ch, this.group());
    }
    this.i++;
    if (ch === '-') return '−';
    if (ch === '~') return ' ';
    if (ch === "'") return '′';
    return this.target === 'html' ? escapeHtml(ch) : ch;
  }

  private script(kind: '^' | '_', body: string): string {
    if (this.target === 'html') return kind === '^' ? `<sup>${body}</sup>` : `<sub>${body}</sub>`;
    const table = kind === '^' ? SUPERSCRIPT : SUBSCRIPT;
    const plain = [...body].every((c) => c in table);
    if (plain && body.length > 0) return [...body].map((c) => table[c]).join('');
    const wrapped = body.length === 1 ? body : `(${body})`;
    return `${kind}${wrapped}`;
  }

  private command(): string {
    this.i++;
    const m = /^([A-Za-z]+|.)/.exec(this.src.slice(this.i));
    if (!m) return '\\';
    const name = m[1];
    this.i += name.length;
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac': {
        const a = this.group();
        const b = this.group();
        const atomic = (s: string) => /^[\p{L}\p{N}.·′̃̂̄²³]+$/u.test(s) || /^‖[^‖\s]+‖$/.test(s);
        const wrap = (s: string) => (atomic(s.replace(/<\/?su[bp]>/g, '')) ? s : `(${s})`);
        return `${wrap(a)}/${wrap(b)}`;
      }
      case 'sqrt': {
        const index = this.optional();
        const body = this.group();
        const root = index === '3' ? '∛' : index === '4' ? '∜' : index ? `${index}√` : '√';
        return /^[\p{L}\p{N}]$/u.test(body) ? `${root}${body}` : `${root}(${body})`;
      }
      case 'mathbb':
      case 'mathbbm': {
        const body = this.group();
        return BLACKBOARD[body] ?? body;
      }
      case 'text':
      case 'textrm':
      case 'textit':
      case 'mathrm':
      case 'mathit':
      case 'mathbf':
      case 'boldsymbol':
      case 'mathcal':
      case 'mathsf':
      case 'operatorname':
      case 'emph':
        return this.group();
      case 'underbrace':
      case 'overbrace': {
        // \underbrace{X}_{L} names X: read it as "X =: L".
        const body = this.group();
        this.skipSpaces();
        if (this.src[this.i] === '_' || this.src[this.i] === '^') {
          this.i++;
          return `${body} =: ${this.group()}`;
        }
        return body;
      }
      case 'overset':
      case 'stackrel': {
        const over = this.group();
        const base = this.group();
        if (base === '=' && (over === 'def' || over === 'Δ' || over === ':')) return '≝';
        return base;
      }
      case 'binom': {
        const a = this.group();
        const b = this.group();
        return `C(${a}, ${b})`;
      }
      default:
        if (name in ACCENTS) {
          const body = this.group();
          return body.length === 1 ? body + ACCENTS[name] : `${body}${ACCENTS[name]}`;
        }
        if (name in SYMBOLS) return SYMBOLS[name];
        if (OPERATORS.has(name)) return `${name} `;
        return name; // an unknown command: its name is more readable than a backslash
    }
  }
}

/** Converts one LaTeX math fragment (without dollars) to Unicode text or HTML. */
export function texToText(tex: string, target: MathTarget = 'text'): string {
  return new TexReader(tex, target).sequence().replace(/ {2,}/g, (s) => (s.length >= 4 ? s : ' ')).trim();
}

/**
 * Converts the math of a Markdown string: `$…$` and `$$…$$` spans become
 * Unicode (in `<span class="math">` for HTML), the rest is left to the caller
 * (already HTML-escaped when the target is HTML).
 */
export function renderMathIn(markdown: string, target: MathTarget): string {
  const parts = markdown.split(/(\$\$[\s\S]+?\$\$|\$[^$\n]+?\$)/g);
  return parts
    .map((part, k) => {
      if (k % 2 === 0) return target === 'html' ? escapeHtml(part) : part;
      const display = part.startsWith('$$');
      const body = texToText(part.slice(display ? 2 : 1, display ? -2 : -1), target);
      if (target === 'text') return body;
      return display ? `<span class="math display">${body}</span>` : `<span class="math">${body}</span>`;
    })
    .join('');
}
