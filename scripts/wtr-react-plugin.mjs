// Serves React to the browser tests. React ships CommonJS only, which a browser
// cannot import, so this plugin bundles `react`, `react-dom` and
// `react-dom/client` once with esbuild into ES modules that share one copy of
// React (code splitting), and points those bare imports at them.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const PREFIX = '/__react-esm/';
const SPECIFIERS = ['react', 'react-dom', 'react-dom/client'];
const fileNameOf = (specifier) => `${specifier.replace(/\W/g, '-')}.js`;

/** The names a CommonJS module exports, read in a child process (React touches `console` as it loads). */
const exportNames = (specifier) =>
  JSON.parse(
    execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'development' },
    }),
  );

/** An ES module entry re-exporting every name of a CommonJS module by name. */
function entryFor(specifier) {
  const names = exportNames(specifier).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  return [
    `import * as cjs from '${specifier}';`,
    `const m = cjs.default ?? cjs;`,
    `export default m;`,
    ...names.map((name) => `export const ${name} = m[${JSON.stringify(name)}];`),
  ].join('\n');
}

export function reactPlugin() {
  let files;
  const bundle = async () => {
    const result = await build({
      entryPoints: SPECIFIERS.map((specifier) => ({ in: `react-entry:${specifier}`, out: fileNameOf(specifier).replace(/\.js$/, '') })),
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      outdir: '/virtual',
      write: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [
        {
          name: 'react-entries',
          setup(esbuild) {
            esbuild.onResolve({ filter: /^react-entry:/ }, ({ path }) => ({ path: path.slice('react-entry:'.length), namespace: 'react-entry' }));
            esbuild.onLoad({ filter: /.*/, namespace: 'react-entry' }, ({ path }) => ({
              contents: entryFor(path),
              resolveDir: process.cwd(),
              loader: 'js',
            }));
          },
        },
      ],
    });
    return new Map(result.outputFiles.map((file) => [`${PREFIX}${file.path.slice('/virtual/'.length)}`, file.text]));
  };

  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (SPECIFIERS.includes(source)) return `${PREFIX}${fileNameOf(source)}`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      files ??= bundle();
      const body = (await files).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
