/**
 * lib/notebook/display.ts without a browser: the HTML of a figure carries
 * the figure exactly (the JSON inside the script parses back to the same
 * data, whatever strings the figure holds), and no string can end the
 * script early. The browser test checks that the same HTML draws.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FIGURE_CLASS, figureHtml, initPlotly, plotlyScriptHtml, type PlotlyFigure } from '../lib/notebook/display';

/** The figure spec embedded in figureHtml's script, parsed back. */
function embeddedSpec(html: string): { data: unknown; layout: Record<string, unknown>; config: unknown } {
  const m = /var spec = (.*);\n/.exec(html);
  assert.ok(m, 'figure script has a spec');
  return JSON.parse(m[1]);
}

const label = fc.string({ unit: 'binary', maxLength: 40 });
/** Strings that attack an inline script: closing tags, comment openers, separators, quotes. */
const hostileLabel = fc.oneof(
  label,
  fc.constantFrom('</script>', '</SCRIPT >', '<!--', '<script>', ']]>', '\u2028', '\u2029', '"\'`', '&amp;', '</div>'),
  fc.tuple(label, fc.constantFrom('</script>', '<!--', '\u2028'), label).map(([a, b, c]) => a + b + c),
);
const finiteNumber = fc.double({ noNaN: true, noDefaultInfinity: true });
const scatterTrace = fc.record({
  type: fc.constant('scatter'),
  name: hostileLabel,
  x: fc.array(finiteNumber, { maxLength: 5 }),
  y: fc.array(finiteNumber, { maxLength: 5 }),
});
const figure: fc.Arbitrary<PlotlyFigure> = fc.record({
  id: hostileLabel,
  title: hostileLabel,
  data: fc.array(scatterTrace, { minLength: 1, maxLength: 3 }),
  layout: fc.record({ xaxis: fc.record({ title: fc.record({ text: hostileLabel }) }) }),
});

test('the figure inside figureHtml parses back to the figure it was given', () => {
  fc.assert(
    fc.property(figure, (fig) => {
      const spec = embeddedSpec(figureHtml(fig));
      // JSON has no -0: compare through JSON, as Plotly will receive it.
      assert.deepEqual(spec.data, JSON.parse(JSON.stringify(fig.data)));
      assert.deepEqual(spec.layout.xaxis, JSON.parse(JSON.stringify(fig.layout.xaxis)));
      assert.deepEqual(spec.layout.title, { text: fig.title });
    }),
    { numRuns: 300, seed: 20180706 },
  );
});

test('no figure content can end or open the inline script early', () => {
  fc.assert(
    fc.property(figure, (fig) => {
      const html = figureHtml(fig);
      const script = html.slice(html.indexOf('<script'), html.lastIndexOf('</script>'));
      assert.doesNotMatch(script, /<\/script/i);
      assert.doesNotMatch(script, /<!--/);
      assert.doesNotMatch(script, /[\u2028\u2029]/);
    }),
    { numRuns: 300, seed: 20180707 },
  );
});

test('figureHtml marks one figure container with its id, and the layout title wins over the figure title', () => {
  const html = figureHtml({ id: 'eta "readings"', title: 'ignored', data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { title: { text: 'kept' } } });
  assert.equal(html.split(`class="${FIGURE_CLASS}"`).length - 1, 1);
  assert.match(html, /data-figure-id="eta &quot;readings&quot;"/);
  assert.deepEqual(embeddedSpec(html).layout.title, { text: 'kept' });
  assert.deepEqual(embeddedSpec(html).config, { responsive: true, displaylogo: false });
});

test('plotlyScriptHtml inlines the installed plotly.js as one script, with no remote source', () => {
  const html = plotlyScriptHtml();
  assert.ok(html.length > 1_000_000, `plotly.js should be inlined (${html.length} characters)`);
  assert.ok(html.startsWith('<script type="text/javascript">'));
  assert.equal(html.match(/<\/script/gi)?.length, 1, 'exactly one closing tag, at the end');
  assert.ok(html.endsWith('</script>'));
  assert.doesNotMatch(html.slice(0, 200), /src=/);
  assert.match(html, /window\.Plotly\s*=\s*Plotly/);
});

test('outside a tslab kernel, displaying fails with a message that says so', () => {
  assert.throws(() => initPlotly(), /needs a running tslab kernel/);
});

test('each figure container carries its own element id, and its script looks the container up by that id (no document.currentScript)', () => {
  const spec = { id: 'same', data: [{ type: 'scatter', x: [1], y: [1] }], layout: {} };
  const ids = [figureHtml(spec), figureHtml(spec)].map((html) => {
    const div = /<div class="aggregathor-figure" id="([^"]+)"/.exec(html);
    assert.ok(div, 'container has an id');
    assert.match(div[1], /^aggregathor-figure-[0-9a-f-]{36}$/);
    const script = html.slice(html.indexOf('<script'));
    assert.ok(script.includes(`var elementId = "${div[1]}";`), 'the script names the container it draws into');
    assert.doesNotMatch(script, /currentScript/, 'the classic notebook does not set document.currentScript');
    return div[1];
  });
  assert.notEqual(ids[0], ids[1], 'two figures of the same spec get different ids');
});
