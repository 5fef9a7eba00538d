// Bundles the modeler (index.js) and its CSS into src/Web/wwwroot/lib/bpmn/:
//   bpmn-modeler.js  an ES module (imported by the Blazor components), bpmn-js and our moddle extension inside
//   bpmn.css         diagram-js + bpmn-js styles and the bpmn icon font (woff2, inlined)
// Run by the web project's build (Ktp.Web.csproj, target KtpBpmnBundle) or by hand: npm ci && node build.mjs
import { readFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../wwwroot/lib/bpmn');
await mkdir(out, { recursive: true });

// The icon font's CSS names five font formats; every browser we serve reads woff2, so only that one is inlined.
const woff2Only = {
  name: 'bpmn-font-woff2-only',
  setup(build) {
    build.onLoad({ filter: /bpmn-font[\\/]css[\\/]bpmn\.css$/ }, async args => {
      const css = await readFile(args.path, 'utf8');
      const face = "@font-face {\n  font-family: 'bpmn';\n  src: url('../font/bpmn.woff2') format('woff2');\n  font-weight: normal;\n  font-style: normal;\n}";
      return { contents: css.replace(/@font-face\s*{[^}]*}/, face), loader: 'css' };
    });
  },
};

const common = { bundle: true, minify: true, legalComments: 'eof', logLevel: 'warning', target: ['es2020', 'chrome100', 'firefox100', 'safari15'] };

await esbuild.build({
  ...common,
  entryPoints: [path.join(here, 'index.js')],
  outfile: path.join(out, 'bpmn-modeler.js'),
  format: 'esm',
  platform: 'browser',
});

await esbuild.build({
  ...common,
  stdin: {
    contents: [
      '@import "bpmn-js/dist/assets/diagram-js.css";',
      '@import "bpmn-js/dist/assets/bpmn-js.css";',
      '@import "bpmn-js/dist/assets/bpmn-font/css/bpmn.css";',
    ].join('\n'),
    resolveDir: here,
    loader: 'css',
    sourcefile: 'bpmn.css',
  },
  outfile: path.join(out, 'bpmn.css'),
  loader: { '.woff2': 'dataurl' },
  plugins: [woff2Only],
});

console.log(`bpmn bundle written to ${path.relative(process.cwd(), out) || '.'}`);
