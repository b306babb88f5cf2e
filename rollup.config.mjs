// The CMS bundle: one self-contained ES module (lit included) that a page
// loads with a single <script type="module">. Translations stay separate
// chunks beside it and are fetched only for a page in that language.
// The per-file ESM modules and their types are written by tsc (npm run build).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: 'dist/index.js',
  // Lets the entry also export what the locale chunks import from it, so no facade chunk is made.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: 'innovasjon-guide.bundle.js',
    chunkFileNames: 'locales/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ exportConditions: ['production'] }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    // Fail on anything unexpected, such as an import rollup cannot resolve.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    throw new Error(`rollup: ${warning.message}`);
  },
};
