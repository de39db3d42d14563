/**
 * Plain text with Unicode mathematics (as the proof map prints the paper:
 * ‖∇Q‖², η√dσ, m̃ …) to LaTeX that pdflatex compiles with its standard
 * packages (amsmath, amssymb): specials escaped, every non-ASCII character
 * mapped to a text or math command. A character with no mapping is written
 * as `[U+XXXX]` and reported, never passed through to break the build.
 *
 * @example latexText('‖x‖² ≤ η_t & m̃') // '$\\|$x$\\|^{2}$ $\\le$ $\\eta$\\_t \\& $\\tilde{m}$'
 */
const MATH: Record<string, string> = {
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\varepsilon', ζ: '\\zeta', η: '\\eta', θ: '\\theta', κ: '\\kappa', λ: '\\lambda',
  μ: '\\mu', µ: '\\mu', ν: '\\nu', ξ: '\\xi', π: '\\pi', ρ: '\\rho', σ: '\\sigma', τ: '\\tau', φ: '\\varphi', χ: '\\chi', ψ: '\\psi', ω: '\\omega',
  Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Π: '\\Pi', Σ: '\\Sigma', Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
  '√': '\\surd', '∇': '\\nabla', '·': '\\cdot', '∈': '\\in', '∉': '\\notin', '‖': '\\|', '⟨': '\\langle', '⟩': '\\rangle', '≤': '\\le', '≥': '\\ge',
  '⩽': '\\le', '⩾': '\\ge', '≠': '\\ne', '→': '\\to', '←': '\\leftarrow', '↦': '\\mapsto', '⇒': '\\Rightarrow', '⇔': '\\Leftrightarrow', '⇐': '\\Leftarrow',
  '∞': '\\infty', '∝': '\\propto', '⌊': '\\lfloor', '⌋': '\\rfloor', '⌈': '\\lceil', '⌉': '\\rceil', '∂': '\\partial', '∫': '\\int', '≈': '\\approx',
  '∠': '\\angle', '±': '\\pm', '÷': '\\div', '×': '\\times', '∑': '\\sum', '∏': '\\prod', '∘': '\\circ', '∀': '\\forall', '∃': '\\exists',
  '⊂': '\\subset', '⊆': '\\subseteq', '∪': '\\cup', '∩': '\\cap', '∅': '\\emptyset', '≪': '\\ll', '≫': '\\gg', '∼': '\\sim', '≲': '\\lesssim', '≳': '\\gtrsim',
  '≡': '\\equiv', '≔': '\\coloneqq', '∧': '\\wedge', '∨': '\\vee', '¬': '\\neg', '⊥': '\\perp', '°': '^{\\circ}', '′': "'", '″': "''", '∣': '\\mid',
  ℝ: '\\mathbb{R}', ℕ: '\\mathbb{N}', '𝔼': '\\mathbb{E}', '⋯': '\\cdots', '⋅': '\\cdot', '∗': '\\ast', '⊤': '\\top', '≍': '\\asymp', '∓': '\\mp',
  '½': '\\tfrac12', '¼': '\\tfrac14', '¾': '\\tfrac34', '⅓': '\\tfrac13', '⅔': '\\tfrac23',
};
const SUPER: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁺': '+', '⁻': '-', 'ⁿ': 'n', 'ᵀ': 'T', 'ʳ': 'r' };
const SUB: Record<string, string> = { '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9', '₊': '+', '₋': '-', 'ᵢ': 'i', 'ⱼ': 'j', 'ₜ': 't', 'ₙ': 'n', 'ₘ': 'm', 'ₖ': 'k' };
const TEXT: Record<string, string> = {
  '—': '---', '–': '--', '−': '$-$', '…': '\\dots{}', '“': '``', '”': "''", '‘': '`', '’': "'", '\u00a0': '~', '\u2009': '\\,', '\u202f': '\\,', 'é': "\\'e", 'è': '\\`e', 'ö': '\\"o', 'ü': '\\"u', 'ä': '\\"a',
};
const COMBINING: Record<string, string> = { '\u0303': '\\tilde', '\u0302': '\\hat', '\u0304': '\\bar', '\u0307': '\\dot', '\u20d7': '\\vec' };
const PRECOMPOSED: Record<string, string> = { ĝ: '\\hat{g}', ñ: '\\tilde{n}', õ: '\\tilde{o}', ã: '\\tilde{a}' };

/** Converts text to LaTeX; `unknown` collects characters without a mapping. */
export function latexText(s: string, unknown: Set<string> = new Set()): string {
  const chars = [...s];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    if (next && COMBINING[next]) {
      const base = c in MATH ? MATH[c] : /^[A-Za-z0-9]$/.test(c) ? c : undefined;
      if (base !== undefined) {
        out += `$${COMBINING[next]}{${base}}$`;
        i++;
        continue;
      }
    }
    if (c in PRECOMPOSED) out += `$${PRECOMPOSED[c]}$`;
    else if (c in MATH) out += `$${MATH[c]}$`;
    else if (c in SUPER) out += `$^{${SUPER[c]}}$`;
    else if (c in SUB) out += `$_{${SUB[c]}}$`;
    else if (c in TEXT) out += TEXT[c];
    else if (c === '\\') out += '\\textbackslash{}';
    else if ('#$%&_{}'.includes(c)) out += `\\${c}`;
    else if (c === '~') out += '\\textasciitilde{}';
    else if (c === '^') out += '\\textasciicircum{}';
    else if (c === '<') out += '\\textless{}';
    else if (c === '>') out += '\\textgreater{}';
    else if (c === '|') out += '\\textbar{}';
    else if (COMBINING[c]) continue; // a combining mark on something it cannot decorate: dropped
    else if (c.codePointAt(0)! > 126 || (c.codePointAt(0)! < 32 && c !== '\n' && c !== '\t')) {
      unknown.add(c);
      out += `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
    } else out += c;
  }
  // adjacent inline maths merge: $a$$b$ would read as display math
  return out.replace(/(?<!\\)\$\$/g, '');
}
