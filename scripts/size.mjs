// npm run size (after npm run build): what a CMS page fetches before a person
// can read and write notes, measured in Chromium, against the budget of issue
// 15. Serves dist/ and a CMS page (<script type="module"> of the bundle, html
// lang=nb, notes already in localStorage) on 127.0.0.1, loads it in headless
// Chromium with puppeteer-core and sums every script the page fetched for its
// first render and for the first actions (scripts/size/first-actions.mjs: add
// a note, edit it, change its colour, vote), min+gzip. Does so for
// <innovasjon-guide step="1"> and <innovasjon-trinn number="1">, then again in
// nynorsk, where the locale chunk must be the only addition. Then prints every
// chunk beside the bundle (dist/locales/, dist/chunks/) and the npm entries
// (built here with Lit and React external, so Lit is counted once, on a line
// of its own). Fails over budget.
//
// --modules[=N]  also prints the N (25) largest source modules in what the
//                bokmål pages fetched, minified, from the source maps.
import http from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { rollup } from 'rollup';
import { bundlePlugins } from '../rollup.config.mjs';
import { performFirstActions } from './size/first-actions.mjs';
import { CHROMIUM_ARGS } from './ensure-browser.mjs';

const KB = 1024;
/** Issue 15: everything fetched up to the end of the first actions, per page; each of the nn and en chunks. */
const BUDGETS = { firstUse: 25 * KB, locale: 6 * KB };
/**
 * Issue 15 set the first-use budget; the library does not meet it yet. Until it
 * does, the overrun is printed as PENDING and does not fail the run (every other
 * check does). Set this to false in the change that meets it, and never back.
 */
const FIRST_USE_PENDING = true;
/**
 * While the 25 KB target is pending, the first use may not grow: the ceiling is
 * what it measured once issue 27 moved out of the core what the first render and
 * the first actions never run: the room's session reader and the Markdown
 * export's unplaced lists (rollup had put into the core every export a chunk
 * used, with its module), the session's events (a chunk fetched when the
 * session first moves), and a kommune's content checked with the store's own
 * checks: 46,158 bytes (47,180 before), so 45.1 KB with its rounding (it was
 * 46.1). It moves up only by an allowance that another issue states; lower it
 * with every change that shrinks the core.
 */
const FIRST_USE_CEILING = 45.1 * KB;
const pending = [];
const BUNDLE = 'dist/innovasjon-guide.bundle.js';
const CHUNK_FOLDERS = ['locales', 'chunks'];
const LIT = /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/;
const REACT = /^(react|react-dom)(\/|$)/;
const argv = process.argv.slice(2);
const modulesOption = argv.find((arg) => arg === '--modules' || arg.startsWith('--modules='));
const TOP_MODULES = modulesOption ? Number(modulesOption.split('=')[1] ?? 25) : 0;

const gzip = (code) => gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

if (!existsSync(BUNDLE)) {
  console.error(`${BUNDLE} is missing: run npm run build first.`);
  process.exit(1);
}

const rows = [];
const failures = [];
const row = (group, name, code, budget) => {
  const size = { group, name, min: Buffer.byteLength(code), gzip: gzip(code), budget };
  rows.push(size);
  if (budget && size.gzip > budget) failures.push(`${name} is ${kb(size.gzip)} min+gzip, over its budget of ${kb(budget)}`);
  return size;
};

// ---- the first render and the first actions, in Chromium ----------------------

/** A few notes on step 1's cards, one with a vote, as the library stores them. */
function seededDocument() {
  const at = '2026-11-20T10:00:00.000Z';
  const note = (id, cardId, text, color, votes = []) => ({ id, cardId, text, color, author: 'Kari', votes, createdAt: at, updatedAt: at });
  return {
    format: 'innovasjon-guide',
    version: 2,
    notes: [
      note('seed-1', 't1-mal', 'Innbyggerne skal vente mindre på svar', 'yellow', ['someone-else']),
      note('seed-2', 't1-mal', 'Færre telefoner til servicetorget', 'blue'),
      note('seed-3', 't1-forankring', 'Ta det opp i ledermøtet', 'green'),
      note('seed-4', 't1-team', 'Med noen fra helse og en innbygger', 'orange'),
    ],
    actions: [],
    participants: [{ id: 'someone-else', name: 'Ola' }],
    deleted: [],
  };
}

/** The CMS page: the bundle by a script tag, and one element. */
const cmsPage = ({ lang, element }) => `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <title>Kommunens innovasjonsside</title>
    <script type="module" src="/dist/innovasjon-guide.bundle.js"></script>
  </head>
  <body>
    <main>
      <h1>Innovasjon i kommunen</h1>
      ${element}
    </main>
  </body>
</html>`;

const PAGES = [
  { name: 'guide', element: '<innovasjon-guide step="1" votes-per-person="3"></innovasjon-guide>' },
  { name: 'trinn', element: '<innovasjon-trinn number="1" votes-per-person="3"></innovasjon-trinn>' },
];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json' };

/** dist/ under /dist/, and the CMS pages as /<name>-<lang>.html. */
function serve() {
  const dist = resolve('dist');
  const server = http.createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const page = /^\/(\w+)-(nb|nn)\.html$/.exec(path);
    const spec = page && PAGES.find((each) => each.name === page[1]);
    if (spec) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return response.end(cmsPage({ lang: page[2], element: spec.element }));
    }
    const file = path.startsWith('/dist/') ? resolve(dist, `.${path.slice('/dist'.length)}`) : '';
    if (file.startsWith(dist + sep) && existsSync(file) && statSync(file).isFile()) {
      response.writeHead(200, { 'content-type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`, 'cache-control': 'no-store' });
      return response.end(readFileSync(file));
    }
    response.writeHead(404).end();
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/**
 * Loads one CMS page in a fresh browser context (empty cache and storage, notes seeded before any
 * script runs), waits for the first render, performs the first actions, and returns every script
 * the page fetched, each with the phase it was fetched in.
 */
async function measurePage(browser, origin, { name, lang }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setCacheEnabled(false);
  const fetched = [];
  const problems = [];
  let phase = 'first render';
  page.on('response', (response) => {
    const url = new URL(response.url());
    const type = response.request().resourceType();
    // data: URLs (Chromium's own icons for form controls) are not fetched from the server.
    if (type === 'document' || url.protocol === 'data:' || url.pathname === '/favicon.ico') return;
    const entry = { path: url.pathname.replace(/^\/dist\//, ''), type, phase, status: response.status() };
    entry.body = response.buffer().catch((error) => {
      problems.push(`could not read ${entry.path}: ${error.message}`);
      return Buffer.alloc(0);
    });
    fetched.push(entry);
  });
  page.on('requestfailed', (request) => problems.push(`${request.url()} failed: ${request.failure()?.errorText}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.evaluateOnNewDocument(
    (document) => {
      if (localStorage.getItem('innovasjon-guide') === null) {
        localStorage.setItem('innovasjon-guide', JSON.stringify(document));
        localStorage.setItem('innovasjon-guide:participant', JSON.stringify({ id: 'me', name: 'Kari', anonymous: false }));
      }
    },
    seededDocument(),
  );
  try {
    await page.goto(`${origin}/${name}-${lang}.html`);
    const host = await page.waitForSelector(name === 'guide' ? 'innovasjon-guide' : 'innovasjon-trinn');
    // The first render is done when the seeded notes are on screen (in the page's language) and nothing more is coming.
    await page.waitForSelector('>>> refleksjon-lapp[data-id="seed-1"]', { timeout: 15_000 });
    if (lang === 'nn') await page.waitForSelector('::-p-text(Kva er målet vårt?)', { timeout: 15_000 });
    await page.waitForNetworkIdle({ idleTime: 500, timeout: 30_000 });
    phase = 'first actions';
    const actions = await performFirstActions(page, host, { voteOn: 'seed-2' });
    await page.waitForNetworkIdle({ idleTime: 500, timeout: 30_000 });
    for (const entry of fetched) {
      const body = await entry.body;
      Object.assign(entry, { min: body.length, gzip: gzip(body), body });
    }
    return { fetched, problems, actions };
  } finally {
    await context.close();
  }
}

const isScript = (entry) => entry.type === 'script' || entry.path.endsWith('.js');

async function measureFirstUse() {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = mkdtempSync(join(tmpdir(), 'innovasjon-size-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    userDataDir,
    args: CHROMIUM_ARGS,
  });
  const results = [];
  try {
    for (const lang of ['nb', 'nn']) {
      for (const { name } of PAGES) results.push({ name, lang, ...(await measurePage(browser, origin, { name, lang })) });
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return results;
}

let measured;
try {
  measured = await measureFirstUse();
} catch (error) {
  console.error(`npm run size could not measure the first render in Chromium:\n${error.stack ?? error}`);
  process.exit(1);
}

console.log('Sizes minified + gzip (level 9) of the bytes served; 1 KB = 1024 bytes.');
console.log(
  `\nWhat a CMS page fetches for its first render and the first actions (add a note, edit it, change its colour, vote),\nmeasured in Chromium; budget ${kb(BUDGETS.firstUse)} per page in bokmål:`,
);
const totals = new Map();
for (const { name, lang, fetched, problems, actions } of measured) {
  const scripts = fetched.filter(isScript);
  const total = scripts.reduce((sum, each) => sum + each.gzip, 0);
  totals.set(`${name}-${lang}`, { scripts, total });
  const over = lang === 'nb' && total > BUDGETS.firstUse;
  console.log(`\n  ${name} page (${lang}): ${actions.join(', ')}`);
  for (const phase of ['first render', 'first actions']) {
    const here = scripts.filter((each) => each.phase === phase);
    if (!here.length) console.log(`    ${phase.padEnd(14)} (nothing fetched)`);
    for (const each of here) {
      console.log(`    ${phase.padEnd(14)} ${each.path.padEnd(36)} ${kb(each.min).padStart(9)} min  ${kb(each.gzip).padStart(8)} gzip`);
    }
  }
  for (const other of fetched.filter((each) => !isScript(each))) {
    console.log(`    also fetched   ${other.path} (${other.type}, ${kb(other.min)})`);
  }
  console.log(
    `    ${'total'.padEnd(14)} ${''.padEnd(36)} ${''.padStart(13)}  ${kb(total).padStart(8)} gzip  ${
      lang === 'nb' ? `${over ? 'OVER' : 'ok'}, budget ${kb(BUDGETS.firstUse)}${FIRST_USE_PENDING ? ` (pending; may not pass ${kb(FIRST_USE_CEILING)})` : ''}` : ''
    }`,
  );
  if (process.env.SIZE_BYTES && lang === 'nb') console.log(`${name}: ${total} B`);
  if (lang === 'nb' && FIRST_USE_PENDING && total > FIRST_USE_CEILING) {
    failures.push(`the ${name} page fetches ${kb(total)} min+gzip of script for its first render and first actions, more than the ${kb(FIRST_USE_CEILING)} it may have while the 25 KB budget is pending`);
  } else if (over) {
    (FIRST_USE_PENDING ? pending : failures).push(`the ${name} page fetches ${kb(total)} min+gzip of script for its first render and first actions, over its budget of ${kb(BUDGETS.firstUse)}`);
  }
  for (const problem of problems) failures.push(`${name} page (${lang}): ${problem}`);
  for (const bad of fetched.filter((each) => each.status >= 400)) failures.push(`${name} page (${lang}): ${bad.path} answered ${bad.status}`);
}

// Nynorsk: the same scripts plus exactly one locale chunk.
for (const { name } of PAGES) {
  const nb = new Set(totals.get(`${name}-nb`).scripts.map((each) => each.path));
  const nn = totals.get(`${name}-nn`).scripts;
  const added = nn.filter((each) => !nb.has(each.path));
  const missing = [...nb].filter((path) => !nn.some((each) => each.path === path));
  const locale = added.filter((each) => /^locales\/nn[-.]/.test(each.path));
  if (added.length === 1 && locale.length === 1 && !missing.length) {
    console.log(`\n  ${name} page in nynorsk fetches what bokmål does plus ${locale[0].path} (${kb(locale[0].gzip)}): ok`);
  } else {
    failures.push(
      `the ${name} page in nynorsk should fetch what bokmål does plus the nn locale chunk; it adds [${added
        .map((each) => each.path)
        .join(', ')}]${missing.length ? ` and leaves out [${missing.join(', ')}]` : ''}`,
    );
  }
}

// ---- the chunks beside the bundle, and the npm entries --------------------------

const bundle = row('CMS bundle and the chunks beside it', BUNDLE.replace('dist/', ''), readFileSync(BUNDLE));
let everything = bundle.gzip;
for (const folder of CHUNK_FOLDERS) {
  if (!existsSync(`dist/${folder}`)) continue;
  for (const file of readdirSync(`dist/${folder}`).filter((name) => name.endsWith('.js')).sort()) {
    // A private-use tag (se-x-pseudo, issue 28) is not a language people read: its strings are longer by
    // construction (⟦…⟧, accents), and only a page with lang="se-x-pseudo" fetches it. Listed, without a budget.
    const budget = folder === 'locales' && !/-x-/.test(file) ? BUDGETS.locale : undefined;
    everything += row('CMS bundle and the chunks beside it', `${folder}/${file}`, readFileSync(`dist/${folder}/${file}`), budget).gzip;
  }
}
rows.push({ group: 'CMS bundle and the chunks beside it', name: 'total of all of them', gzip: everything });

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

// Every JavaScript entry of the exports map except the bundle.
const { exports } = JSON.parse(readFileSync('package.json', 'utf8'));
const entries = Object.entries(exports)
  .map(([path, target]) => [path, typeof target === 'string' ? target : target.default])
  .filter(([path, file]) => file?.endsWith('.js') && !file.endsWith('.bundle.js') && path !== './package.json'); // ./jsx is types only
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

// ---- where the weight is: bytes per source module, from the source maps ------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's `mappings` into, per generated line, [column, source index or -1] segments. */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let name = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) {
        source += fields[1];
        sourceLine += fields[2];
        sourceColumn += fields[3];
        if (fields.length > 4) name += fields[4];
      }
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/** The minified bytes each source module contributes to the scripts fetched, largest first. */
function printTopModules(scripts, count) {
  const modules = new Map();
  const seen = new Set();
  for (const script of scripts) {
    if (seen.has(script.path)) continue;
    seen.add(script.path);
    const file = join('dist', script.path);
    if (!existsSync(`${file}.map`)) {
      console.log(`\n(no source map for ${script.path}: its modules are not listed)`);
      continue;
    }
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
    const code = script.body.toString('utf8').split('\n');
    decodeMappings(map.mappings).forEach((segments, lineIndex) => {
      const line = code[lineIndex] ?? '';
      segments.forEach(([column, source], index) => {
        const text = line.slice(column, segments[index + 1]?.[0] ?? line.length);
        const name = source < 0 ? `(rollup's own code in ${script.path})` : relative('.', join(dirname(file), map.sources[source]));
        const entry = modules.get(name) ?? { name, files: new Set(), parts: [] };
        entry.files.add(script.path);
        entry.parts.push(text);
        modules.set(name, entry);
      });
    });
  }
  const sized = [...modules.values()]
    .map((each) => ({ ...each, min: Buffer.byteLength(each.parts.join('')), gzip: gzip(each.parts.join('')) }))
    .sort((a, b) => b.min - a.min);
  const total = sized.reduce((sum, each) => sum + each.min, 0);
  console.log(
    `\nThe ${Math.min(count, sized.length)} largest of ${sized.length} source modules in what the bokmål pages fetched, minified (from the source maps):`,
  );
  console.log(`  ${'module'.padEnd(66)} ${'min'.padStart(9)}  ${'share'.padStart(5)}  ${'gzip alone'.padStart(10)}`);
  for (const each of sized.slice(0, count)) {
    const share = `${((each.min / total) * 100).toFixed(1)}%`;
    console.log(`  ${each.name.padEnd(66)} ${kb(each.min).padStart(9)}  ${share.padStart(5)}  ${kb(each.gzip).padStart(10)}`);
  }
}

let group = '';
for (const each of rows) {
  if (each.group !== group) console.log(`\n${(group = each.group)}`);
  const verdict = each.budget ? `${each.gzip > each.budget ? 'OVER' : 'ok'}, budget ${kb(each.budget)}` : '';
  const min = each.min === undefined ? '' : `${kb(each.min).padStart(9)} min`;
  console.log(`  ${each.name.padEnd(34)} ${min.padStart(13)}  ${kb(each.gzip).padStart(8)} gzip  ${verdict}`);
}
if (TOP_MODULES) printTopModules(PAGES.flatMap(({ name }) => totals.get(`${name}-nb`).scripts), TOP_MODULES);
for (const each of pending) console.log(`\nPENDING (issue 15, not yet met): ${each}`);
if (failures.length) {
  console.error(`\nSize budget exceeded:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(pending.length ? '\nWithin the enforced budgets; the pending one above is not met yet.' : '\nWithin budget.');
