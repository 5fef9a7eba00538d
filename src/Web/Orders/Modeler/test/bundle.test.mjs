// The bundle the web app loads (written by build.mjs; `npm test` builds it first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stat, readFile } from 'node:fs/promises';

const out = new URL('../../../wwwroot/lib/bpmn/', import.meta.url);

test('the bundle and its styles are written', async () => {
  assert.ok((await stat(new URL('bpmn-modeler.js', out))).size > 100 * 1024, 'bpmn-modeler.js is over 100 KB');
  const css = await readFile(new URL('bpmn.css', out), 'utf8');
  assert.match(css, /\.djs-container/, 'diagram-js styles');
  assert.match(css, /\.bjs-container|\.bjs-powered-by/, 'bpmn-js styles');
  assert.match(css, /font-family:\s*"?'?bpmn/, 'the icon font');
  assert.match(css, /data:font\/woff2;base64,/, 'the font is inlined');
  assert.ok(!/url\(['"]?\.\.\/font/.test(css), 'no font file is left to fetch');
});

test('the bundle is an ES module with the functions the components call', async () => {
  const module = await import(new URL('bpmn-modeler.js', out));
  for (const name of ['create', 'importXml', 'getXml', 'getSelected', 'setProperty', 'setProperties', 'setCondition',
    'setDefaultFlow', 'setTimer', 'setMessage', 'select', 'focus', 'destroy', 'createViewer', 'showXml', 'setMarkers']) {
    assert.equal(typeof module[name], 'function', name);
  }
});
