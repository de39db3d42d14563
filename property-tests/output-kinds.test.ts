/**
 * The kinds of output that decide which notebooks the front-end test opens
 * (support/outputKinds.ts): read from figures as lib/notebook/display.ts
 * writes them, blind to what plotly.js's own source contains, and a sample
 * that misses a kind is told which kind and which notebooks have it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { figureHtml, plotlyScriptHtml } from '../lib/notebook/display';
import { htmlKinds, kindsMissedBy, outputKinds } from './support/outputKinds';

test('a figure gives its trace types, its drawn layout features, its axis types and its config keys', () => {
  const html = figureHtml({
    id: 'f',
    data: [{ type: 'bar', x: ['a'], y: [1] }, { x: [1], y: [2] }],
    layout: { yaxis: { type: 'log' }, xaxis2: { type: 'category' }, sliders: [{ steps: [] }], shapes: [], annotations: [{ text: '<b>x</b>' }] },
  });
  const kinds = htmlKinds(html);
  for (const kind of ['trace:bar', 'trace:scatter', 'axis:log', 'axis:category', 'layout:subplots', 'layout:sliders', 'layout:annotations', 'config:responsive', 'tag:div', 'tag:script']) {
    assert.ok(kinds.has(kind), `${kind} in ${[...kinds].join(' ')}`);
  }
  assert.ok(!kinds.has('layout:shapes'), 'an empty list of shapes draws nothing');
  assert.ok(!kinds.has('tag:b'), 'markup inside a figure spec is data, not an element of the page');
});

test("plotly.js's inline source adds no kinds beyond its script element", () => {
  assert.deepEqual([...htmlKinds(plotlyScriptHtml())].sort(), ['tag:script']);
});

test('a notebook file: output types, MIME types and the HTML kinds of every output', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'output-kinds-'));
  try {
    const file = path.join(dir, 'n.ipynb');
    const cells = [
      { cell_type: 'markdown', source: '<h1>not an output</h1>' },
      { cell_type: 'code', outputs: [{ output_type: 'stream', name: 'stdout', text: 'x' }, { output_type: 'display_data', data: { 'text/html': ['<table><tr>', '<td>1</td></tr></table>'], 'text/plain': 'x' } }] },
    ];
    writeFileSync(file, JSON.stringify({ cells }));
    assert.deepEqual([...outputKinds(file)].sort(), ['mime:text/html', 'mime:text/plain', 'output:display_data', 'output:stream', 'tag:table', 'tag:td', 'tag:tr']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kindsMissedBy names each kind the sample lacks and the notebooks that have it', () => {
  const kinds = new Map([
    ['a', new Set(['trace:scatter', 'tag:div'])],
    ['b', new Set(['trace:bar', 'tag:div'])],
    ['c', new Set(['trace:bar', 'axis:log'])],
  ]);
  assert.deepEqual([...kindsMissedBy(['a'], kinds)], [['trace:bar', ['b', 'c']], ['axis:log', ['c']]]);
  assert.deepEqual([...kindsMissedBy(['a', 'c'], kinds)], []);
});
