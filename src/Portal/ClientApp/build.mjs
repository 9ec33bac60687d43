// Bundles src/portal.js into ../wwwroot/dist/portal.js (one IIFE). Run by ClientApp.targets on
// every build that changed a source file; `--release` minifies and drops the source map,
// `--debug` (the default) keeps it readable with a linked source map.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const release = process.argv.includes('--release');
const outfile = join(here, '..', 'wwwroot', 'dist', 'portal.js');

// A map left over from a Debug build must not be served next to a Release bundle.
await rm(`${outfile}.map`, { force: true });

const result = await build({
  entryPoints: [join(here, 'src', 'portal.js')],
  outfile,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: release,
  sourcemap: release ? false : 'linked',
  legalComments: 'eof',
  define: { 'process.env.NODE_ENV': release ? '"production"' : '"development"' },
  logLevel: 'warning',
  metafile: true,
});

const bundle = Object.entries(result.metafile.outputs).find(([name]) => name.endsWith('portal.js'));
console.log(`portal.js: ${Math.round(bundle[1].bytes / 1024)} KiB (${release ? 'release' : 'debug'})`);
