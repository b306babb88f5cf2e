// Bundles the bench page (bench/pages/main.ts: the library from src/ and the
// hand-written baseline) with esbuild, as production code: Lit's production
// build (the `production` export condition) and NODE_ENV=production.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * package.json's `sideEffects` names the files in dist/, so esbuild would
 * drop src/'s side-effect imports (the ones that register the elements).
 * src/ is the library's source: every file of it keeps its side effects.
 */
const hasSideEffects = (roots) => ({
  name: 'src-has-side-effects',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData?.inner) return undefined;
      const result = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { inner: true },
      });
      if (result.errors.length) return { errors: result.errors };
      return roots.some((root) => result.path.startsWith(root)) ? { ...result, sideEffects: true } : result;
    });
  },
});

/**
 * Bundles the library from another copy of src/ (a folder inside the project,
 * so node_modules resolve): to measure a change before it is made in src/.
 */
function librarySource(folder) {
  const alternative = `${path.resolve(root, folder)}/`;
  return {
    name: 'library-source',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.redirected) return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { redirected: true, inner: true },
        });
        if (result.errors.length || !result.path.startsWith(src)) return undefined;
        return { path: alternative + result.path.slice(src.length), sideEffects: true };
      });
    },
  };
}

/**
 * Returns the page's JavaScript (one ES module, not minified so profiles show
 * real names). `BENCH_LIBRARY_SRC=folder` bundles the library from that copy of src/.
 */
export async function buildBenchPage({ librarySrc = process.env.BENCH_LIBRARY_SRC } = {}) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['bench/pages/main.ts'],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: 'tsconfig.json',
    plugins: librarySrc
      ? [librarySource(librarySrc), hasSideEffects([src, `${path.resolve(root, librarySrc)}/`])]
      : [hasSideEffects([src])],
  });
  for (const warning of result.warnings) console.warn(`esbuild: ${warning.text}`);
  return result.outputFiles[0].text;
}
