import { texToText } from './mathText';

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Inline Markdown to HTML: `$math$` (as Unicode, see mathText), `` `code` ``,
 * `**bold**`, `*italic*`, `[text](url)`. Everything else is escaped.
 *
 * @example inlineMarkdown('**L1**: $\\eta \\sqrt{d} \\sigma < \\|g\\|$') // '<strong>L1</strong>: <span class="math">η √d σ &lt; ‖g‖</span>'
 */
export function inlineMarkdown(text: string): string {
  const held: string[] = [];
  const hold = (html: string) => `\u0000${held.push(html) - 1}\u0000`;
  let s = text
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => hold(`<span class="math display">${texToText(tex, 'html')}</span>`))
    .replace(/\$([^$\n]+?)\$/g, (_, tex: string) => hold(`<span class="math">${texToText(tex, 'html')}</span>`))
    .replace(/`([^`]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(code)}</code>`));
  s = escapeHtml(s)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole: string, label: string, url: string) => (/^(https?:|#|\.{0,2}\/|[\w.-]+(#[\w.-]*)?$)/.test(url) ? `<a href="${url}">${label}</a>` : whole));
  return s.replace(/\u0000(\d+)\u0000/g, (_, k: string) => held[Number(k)]);
}

/**
 * Block Markdown to HTML, enough for claim statements and check notes:
 * paragraphs separated by blank lines, `-`/`*`/`1.` lists (one level, with
 * continuation lines), `#` headings (demoted to h4..h6), and inline Markdown.
 */
export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  const blocks = markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/);
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim().length > 0);
    if (lines.length === 0) continue;
    const heading = /^(#{1,3})\s+(.*)$/.exec(lines[0]);
    if (heading && lines.length === 1) {
      const level = heading[1].length + 3;
      out.push(`<h${level}>${inlineMarkdown(heading[2])}</h${level}>`);
      continue;
    }
    const item = /^\s*(?:[-*]|\d+[.)])\s+/;
    if (item.test(lines[0])) {
      const ordered = /^\s*\d/.test(lines[0]);
      const items: string[] = [];
      for (const l of lines) {
        if (item.test(l)) items.push(l.replace(item, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((x) => `<li>${inlineMarkdown(x)}</li>`).join('')}</${tag}>`);
      continue;
    }
    out.push(`<p>${inlineMarkdown(lines.map((l) => l.trim()).join(' '))}</p>`);
  }
  return out.join('\n');
}
