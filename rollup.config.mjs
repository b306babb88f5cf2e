// The CMS bundle: one self-contained ES module (lit included) that a page
// loads with a single <script type="module">. Translations stay separate
// chunks beside it and are fetched only for a page in that language.
// The per-file ESM modules and their types are written by tsc (npm run build).
// scripts/size.mjs measures with the same plugins and options.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';

/** Two compress passes save a little more than one; private `#names` are mangled by default. */
export const terserOptions = { ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } };

export const bundlePlugins = () => [
  minifyCssLiterals(),
  nodeResolve({ exportConditions: ['production'] }),
  terser(terserOptions),
];

export default {
  input: 'dist/bundle.js',
  // Lets the entry also export what the locale chunks import from it, so no facade chunk is made.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: 'innovasjon-guide.bundle.js',
    chunkFileNames: 'locales/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: bundlePlugins(),
  onwarn(warning, warn) {
    // Fail on anything unexpected, such as an import rollup cannot resolve.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    throw new Error(`rollup: ${warning.message}`);
  },
};
