// Prints the minified + gzipped size of what the package ships, after
// `npm run build`: the CMS bundle, each locale chunk beside it, and each npm
// entry. The entries are built here with Lit (and React) left external, so Lit
// is counted once, on a line of its own. Fails when the CMS bundle or a locale
// chunk is over its budget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { bundlePlugins } from '../rollup.config.mjs';

const KB = 1024;
const BUDGETS = { bundle: 20 * KB, locale: 5 * KB };
const BUNDLE = 'dist/innovasjon-guide.bundle.js';
const LIT = /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/;
const REACT = /^(react|react-dom)(\/|$)/;

const gzip = (code) => gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

if (!existsSync(BUNDLE)) {
  console.error(`${BUNDLE} is missing: run npm run build first.`);
  process.exit(1);
}

/** Builds `input` as the bundle is built, with Lit and React external; returns the code it loads up front. */
async function buildEntry(input) {
  const bundle = await rollup({
    input,
    external: (id) => LIT.test(id) || REACT.test(id),
    plugins: bundlePlugins(),
    onwarn: (warning) => {
      if (warning.code !== 'THIS_IS_UNDEFINED') throw new Error(`rollup (${input}): ${warning.message}`);
    },
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  // The entry and the chunks it imports statically; the locale chunks it may fetch later are counted above.
  const chunks = new Map(output.filter((each) => each.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const loaded = new Set();
  const visit = (chunk) => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const name of chunk.imports) if (chunks.has(name)) visit(chunks.get(name));
  };
  visit([...chunks.values()].find((chunk) => chunk.isEntry));
  const importedBindings = {};
  for (const chunk of loaded) {
    for (const [module, names] of Object.entries(chunk.importedBindings)) {
      importedBindings[module] = [...(importedBindings[module] ?? []), ...names];
    }
  }
  return { code: [...loaded].map((chunk) => chunk.code).join('\n'), importedBindings };
}

/** Lit as the library uses it: a module re-exporting exactly the names the entries import from it. */
async function buildLit(bindings) {
  let count = 0;
  const source = [...bindings]
    .map(([module, names]) =>
      names.has('*')
        ? `export * as _${count++} from '${module}';`
        : `export { ${[...names].map((name) => `${name} as _${count++}`).join(', ')} } from '${module}';`,
    )
    .join('\n');
  const virtual = { name: 'lit-entry', resolveId: (id) => (id === 'lit-entry' ? id : null), load: (id) => (id === 'lit-entry' ? source : null) };
  const bundle = await rollup({ input: 'lit-entry', plugins: [virtual, ...bundlePlugins()] });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

const rows = [];
const failures = [];
const row = (group, name, code, budget) => {
  const size = { group, name, min: Buffer.byteLength(code), gzip: gzip(code), budget };
  rows.push(size);
  if (budget && size.gzip > budget) failures.push(`${name} is ${kb(size.gzip)} min+gzip, over its budget of ${kb(budget)}`);
};

row('CMS bundle (Lit included)', BUNDLE.replace('dist/', ''), readFileSync(BUNDLE), BUDGETS.bundle);
for (const file of readdirSync('dist/locales').filter((name) => name.endsWith('.js')).sort()) {
  row('Locale chunks (fetched only for that language)', `locales/${file}`, readFileSync(`dist/locales/${file}`), BUDGETS.locale);
}

// Every JavaScript entry of the exports map except the bundle.
const { exports } = JSON.parse(readFileSync('package.json', 'utf8'));
const entries = Object.entries(exports)
  .map(([path, target]) => [path, typeof target === 'string' ? target : target.default])
  .filter(([path, file]) => file.endsWith('.js') && !file.endsWith('.bundle.js') && path !== './package.json');
const litBindings = new Map();
const built = await Promise.all(entries.map(([, file]) => buildEntry(file)));
for (const [index, [path]] of entries.entries()) {
  const chunk = built[index];
  row('npm entries (Lit and React external)', path === '.' ? 'innovasjonsguide (all)' : path.replace('./', ''), chunk.code);
  for (const [module, names] of Object.entries(chunk.importedBindings)) {
    if (!LIT.test(module)) continue;
    const known = litBindings.get(module) ?? new Set();
    for (const name of names) known.add(name);
    litBindings.set(module, known);
  }
}
row('Lit, counted once (what the entries import from it)', 'lit', await buildLit(litBindings));

let group = '';
console.log('Sizes minified + gzip (level 9); 1 KB = 1024 bytes.');
for (const each of rows) {
  if (each.group !== group) console.log(`\n${(group = each.group)}`);
  const verdict = each.budget ? `${each.gzip > each.budget ? 'OVER' : 'ok'}, budget ${kb(each.budget)}` : '';
  console.log(`  ${each.name.padEnd(34)} ${kb(each.min).padStart(9)} min  ${kb(each.gzip).padStart(8)} gzip  ${verdict}`);
}
if (failures.length) {
  console.error(`\nSize budget exceeded:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('\nWithin budget.');
