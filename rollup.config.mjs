// The CMS bundle: one self-contained ES module (lit included) that a page
// loads with a single <script type="module">. What it loads with import()
// becomes chunks beside it, fetched only when needed: translations in
// dist/locales/ (only for a page in that language), features in dist/chunks/
// (on first use). Rollup's ES output imports them relative to the importing
// file, so they load from wherever the bundle is served.
// The per-file ESM modules and their types are written by tsc (npm run build).
// scripts/size.mjs measures with the same plugins and options.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';
import { minifyHtmlLiterals } from './scripts/minify-html-literals.mjs';

/** Two compress passes save a little more than one; private `#names` are mangled by default. */
export const terserOptions = { ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } };

export const bundlePlugins = () => [
  minifyCssLiterals(),
  minifyHtmlLiterals(),
  nodeResolve({ exportConditions: ['production'] }),
  terser(terserOptions),
];

const LOCALE_MODULE = /[\\/]generated[\\/]locales[\\/][^\\/]+\.js$/;
/** A feature's own translations (src/generated/locales/<feature>/<locale>.js), loaded with the feature. */
const FEATURE_LOCALE_MODULE = /[\\/]generated[\\/]locales[\\/]([^\\/]+)[\\/][^\\/]+\.js$/;

/** Locale chunks go to locales/ (a feature's as `<feature>-<locale>`), every other chunk (features, and code they share) to chunks/. */
export function chunkFileName(chunkInfo) {
  const feature = chunkInfo.facadeModuleId && FEATURE_LOCALE_MODULE.exec(chunkInfo.facadeModuleId);
  if (feature) return `locales/${feature[1]}-[name]-[hash].js`;
  const isLocale = chunkInfo.facadeModuleId
    ? LOCALE_MODULE.test(chunkInfo.facadeModuleId)
    : chunkInfo.moduleIds.length > 0 && chunkInfo.moduleIds.every((id) => LOCALE_MODULE.test(id));
  return isLocale ? 'locales/[name]-[hash].js' : 'chunks/[name]-[hash].js';
}

/**
 * Everything the entry imports statically goes into one `core` chunk, and the
 * entry only imports it. Chunks then import the core by its hashed name, never
 * the entry: a CMS that loads the bundle as `…bundle.js?ver=3` (WordPress does)
 * would otherwise run the library twice, once for its own URL and once for the
 * URL the chunks import.
 */
export function coreChunks() {
  let reachable;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!reachable) {
      reachable = new Set();
      const visit = (each) => {
        if (reachable.has(each)) return;
        reachable.add(each);
        for (const imported of getModuleInfo(each)?.importedIds ?? []) visit(imported);
      };
      for (const each of getModuleIds()) if (getModuleInfo(each)?.isEntry) visit(each);
      for (const each of getModuleIds()) if (getModuleInfo(each)?.isEntry) reachable.delete(each);
    }
    return reachable.has(id) ? 'core' : undefined;
  };
}

export default {
  input: 'dist/bundle.js',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: 'innovasjon-guide.bundle.js',
    chunkFileNames: chunkFileName,
    manualChunks: coreChunks(),
    sourcemap: true,
  },
  plugins: bundlePlugins(),
  onwarn(warning, warn) {
    // Fail on anything unexpected, such as an import rollup cannot resolve.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    throw new Error(`rollup: ${warning.message}`);
  },
};
