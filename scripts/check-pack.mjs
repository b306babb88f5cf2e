// Checks what `npm pack` would publish, after `npm run build`: only dist/,
// custom-elements.json, README.md, LICENSE, CHANGELOG.md (and package.json);
// every file package.json points to (exports, types, sideEffects,
// customElements) is in it; sideEffects names exactly the files that register
// elements; dist/store.js reaches neither Lit nor an element registration
// through its imports; dist/react.js does not load at start what the bundle
// fetches on demand (the timer, the live room); and every source map names
// only sources that ship or whose text it carries.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const problems = [];
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
if (!existsSync('dist/index.js')) {
  console.error('dist/ is missing: run npm run build first.');
  process.exit(1);
}

const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }));
const shipped = new Set(pack.files.map((file) => file.path));

// 1. Nothing but what is meant to ship.
const allowed = (path) =>
  ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'custom-elements.json'].includes(path) ||
  (path.startsWith('dist/') && !path.endsWith('.d.ts.map'));
for (const path of shipped) if (!allowed(path)) problems.push(`ships ${path}, which is not meant to be published`);

// 2. Everything package.json names is shipped.
const targets = new Set();
const collect = (value) => {
  if (typeof value === 'string') targets.add(value);
  else if (value && typeof value === 'object') Object.values(value).forEach(collect);
};
collect(pkg.exports);
collect([pkg.main, pkg.module, pkg.types, pkg.customElements, ...(pkg.sideEffects || [])]);
for (const path of ['README.md', 'LICENSE', 'CHANGELOG.md']) targets.add(path);
for (const target of targets) {
  const path = normalize(target).replace(/^\.\//, '');
  if (!shipped.has(path)) problems.push(`package.json names ${target}, but the package does not contain it`);
}

// 3. sideEffects lists every file that registers an element, so no bundler drops one, and nothing else.
const listed = new Set((pkg.sideEffects || []).map((path) => normalize(path)));
// Registration goes through src/internal/define.ts: `define('tag', Class)`.
// define.js itself registers nothing; the CMS bundle registers through its core chunk.
const registers = (file) =>
  file.endsWith('.bundle.js') ||
  (!file.endsWith('internal/define.js') && /customElements\.define\(|\bdefine\('[a-z]+-[a-z-]+',/.test(readFileSync(file, 'utf8')));
// The CMS bundle's chunks (dist/locales/, dist/chunks/) are loaded by the bundle itself, never imported by a bundler.
const partOfBundle = (path) => path.endsWith('.bundle.js') || /^dist\/(locales|chunks)\//.test(path);
for (const { path } of pack.files) {
  if (path.endsWith('.js') && !partOfBundle(path) && registers(path) && !listed.has(path)) {
    problems.push(`${path} registers an element but is not in sideEffects: a bundler could drop it`);
  }
}
const withoutComments = (code) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const importsOf = (file) =>
  [...withoutComments(readFileSync(file, 'utf8')).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.[^'"]+)['"]/g)].map(([, specifier]) =>
    join(dirname(file), specifier),
  );
for (const path of listed) {
  // An entry that registers through the files it imports (index.js) counts too.
  if (existsSync(path) && !registers(path) && !importsOf(path).some((imported) => listed.has(imported))) {
    problems.push(`${path} is in sideEffects but registers no element`);
  }
}

// 4. The store entry is framework-free: follow its imports through dist/.
const reached = new Set();
const visit = (file) => {
  if (reached.has(file)) return;
  reached.add(file);
  const code = withoutComments(readFileSync(file, 'utf8'));
  if (/customElements\.define\(/.test(code)) problems.push(`dist/store.js reaches ${file}, which registers an element`);
  for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
    if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
    else if (/^(lit|lit-html|lit-element|@lit\/)/.test(specifier)) problems.push(`dist/store.js reaches ${file}, which imports ${specifier}`);
  }
};
visit('dist/store.js');

// 5. react.js starts without the chunks the bundle fetches on demand: follow its static imports only (not `import()`).
const staticallyReached = new Set();
const follow = (file) => {
  if (staticallyReached.has(file)) return;
  staticallyReached.add(file);
  const code = withoutComments(readFileSync(file, 'utf8'));
  for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s+)['"](\.[^'"]+)['"]/g)) follow(join(dirname(file), specifier));
};
follow('dist/react.js');
for (const lazy of ['dist/innovasjon-tidtaker/innovasjon-tidtaker.component.js', 'dist/collab/index.js', 'dist/features/transfer.js']) {
  if (staticallyReached.has(lazy)) problems.push(`dist/react.js loads ${lazy} at start, which the bundle fetches only when it is used`);
}

// 6. Every source map shipped names sources the package ships, or carries their text (sourcesContent).
let maps = 0;
for (const path of shipped) {
  if (!path.endsWith('.js.map')) continue;
  maps++;
  const map = JSON.parse(readFileSync(path, 'utf8'));
  map.sources.forEach((source, index) => {
    const target = normalize(join(dirname(path), map.sourceRoot ?? '', source));
    if (!shipped.has(target) && typeof map.sourcesContent?.[index] !== 'string') {
      problems.push(`${path} points to ${source}, which the package does not ship, without its text in sourcesContent`);
    }
  });
}

if (problems.length) {
  console.error(`npm pack check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `npm pack ships ${shipped.size} files (${(pack.size / 1024).toFixed(0)} KB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KB unpacked); ` +
    `every file package.json names is there; sideEffects lists the ${listed.size} registering files; dist/store.js reaches ${reached.size} modules, none with Lit or a registration; ` +
    `dist/react.js starts with ${staticallyReached.size} modules, no on-demand chunk; the ${maps} source maps carry the sources they name.`,
);
