// The CMS folder as an editor gets it: copies exactly release/cms/ (written by npm run release)
// to a plain static web server, beside one HTML page that embeds the guide as the README's
// *Embedding* shows, and opens it in headless Chromium in bokmål, nynorsk and English.
// For each language it checks what a person sees (the step titles, a note added by keyboard),
// uses every feature that is fetched on first use, and checks that every request the page made
// was answered 200 by this server, with no console errors. At the end: no file in cms/ that no
// run fetched. Run with `npm run test:release` (it runs npm run release first when release/ is
// missing or out of date), or `node --test test/release/` after npm run release.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/ensure-browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CMS = join(ROOT, 'release', 'cms');
/** Where the page loads the bundle from: the README's example path. */
const BASE = '/assets/innovasjonsguide/';
const LANGUAGES = ['nb', 'nn', 'en'];

// ---- The strings a person should see, from the translations themselves --------------------
const xliff = (locale) => readFileSync(join(ROOT, 'locales', `${locale}.xlf`), 'utf8');
const unescape = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** The text of a translation unit, found by its id or its bokmål source, in `locale` (nb: the source). */
function text(locale, { id, source }) {
  const units = [...xliff('nn').matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>/g)];
  const unit = units.find(([, unitId, unitSource]) => (id ? unitId === id : unescape(unitSource) === source));
  if (!unit) throw new Error(`no translation unit ${id ?? source}`);
  if (locale === 'nb') return unescape(unit[2]);
  const target = new RegExp(`<trans-unit id="${unit[1]}">\\s*<source>[\\s\\S]*?</source>\\s*<target>([\\s\\S]*?)</target>`).exec(xliff(locale));
  if (!target) throw new Error(`${locale}: no translation of ${unit[1]}`);
  return unescape(target[1]);
}
// The step titles come from src/content/turguide.ts by these ids.
const turguide = readFileSync(join(ROOT, 'src', 'content', 'turguide.ts'), 'utf8');
const STEP_TITLE_IDS = [...turguide.matchAll(/title: \(\) => msg\('[^']+', \{ id: '(t\d\.title)' \}\)/g)].map(([, id]) => id);

// ---- A plain static server: the copy of cms/ and one page per language --------------------
const page = (lang) => `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <title>Innovasjon i kommunen</title>
  <link rel="icon" href="data:,">
  <script type="module" src="${BASE}innovasjon-guide.bundle.js"></script>
</head>
<body>
  <main>
    <h1>Innovasjon i kommunen</h1>
    <innovasjon-guide storage-key="min-kommune-innovasjon"></innovasjon-guide>
  </main>
</body>
</html>
`;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();

let site;
let server;
let origin;
let browser;
/** Every path the server was asked for, across all runs. */
const served = new Set();

before(async () => {
  if (!existsSync(join(CMS, 'innovasjon-guide.bundle.js'))) {
    throw new Error('release/cms/ is missing: run npm run release first (npm run test:release does)');
  }
  site = mkdtempSync(join(tmpdir(), 'innovasjonsguide-cms-'));
  mkdirSync(join(site, BASE), { recursive: true });
  cpSync(CMS, join(site, BASE), { recursive: true });
  for (const lang of LANGUAGES) writeFileSync(join(site, `${lang}.html`), page(lang));

  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    served.add(path);
    const file = join(site, path);
    if (request.method !== 'GET' || !file.startsWith(site + sep) || !existsSync(file) || !TYPES[extname(file)]) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run node scripts/ensure-browser.mjs (BROWSERS=chromium)');
  browser = await puppeteer.launch({ executablePath, headless: true, args: ['--headless', ...CHROMIUM_ARGS] });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Opens the page for `lang` in a fresh profile and records what it requests and logs. */
async function open(lang) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  tab.setDefaultTimeout(15_000);
  const seen = { responses: [], failed: [], errors: [], warnings: [] };
  tab.on('response', (response) => seen.responses.push({ url: response.url(), status: response.status() }));
  tab.on('requestfailed', (request) => seen.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
    if (message.type() === 'warn') seen.warnings.push(message.text());
  });
  tab.on('pageerror', (error) => seen.errors.push(`uncaught: ${error.message}`));
  await tab.goto(`${origin}/${lang}.html`, { waitUntil: 'load' });
  return { context, tab, seen };
}

const GUIDE = 'innovasjon-guide';
const STEP = `${GUIDE} >>> innovasjon-trinn`;
const FIRST_CARD = `${STEP} >>> innovasjon-kort`;

for (const lang of LANGUAGES) {
  describe(`release/cms/ on a static server, <html lang="${lang}">`, () => {
    let run;
    before(async () => {
      run = await open(lang);
    });
    after(async () => {
      await run?.context.close();
    });

    it('shows the step titles in that language', async () => {
      const titles = STEP_TITLE_IDS.map((id) => text(lang, { id }));
      assert.equal(titles.length, 4);
      // The navigation's names, as rendered (innerText: what is on the screen).
      await run.tab.waitForFunction(
        (expected) => {
          const nav = document.querySelector('innovasjon-guide')?.shadowRoot?.querySelector('nav');
          const names = [...(nav?.querySelectorAll('button .name') ?? [])].map((name) => name.innerText.trim());
          return expected.every((title) => names.includes(title));
        },
        { timeout: 15_000 },
        titles,
      );
      const nav = await run.tab.$eval(`${GUIDE} >>> nav`, (element) => element.innerText);
      for (const title of titles) assert.ok(nav.includes(title), `the navigation shows «${title}»: ${nav}`);
      if (lang !== 'nb') {
        const inBokmal = STEP_TITLE_IDS.map((id) => text('nb', { id })).filter((title) => !titles.includes(title));
        for (const title of inBokmal) assert.ok(!nav.includes(title), `no bokmål «${title}» left in ${lang}`);
      }
    });

    it('adds a note by keyboard, and it shows', async () => {
      const { tab } = run;
      // To step 1 from the navigation, by keyboard.
      const stepOne = (await tab.$$(`${GUIDE} >>> nav button`))[1];
      await stepOne.focus();
      await tab.keyboard.press('Enter');
      const heading = await tab.waitForSelector(`${STEP} >>> h2`, { visible: true, timeout: 10_000 });
      assert.equal((await heading.evaluate((element) => element.innerText)).trim().endsWith(text(lang, { id: 't1.title' })), true);

      const add = await tab.waitForSelector(`${FIRST_CARD} >>> button.add`, { visible: true });
      assert.equal((await add.evaluate((element) => element.innerText)).replace('+', '').trim(), text(lang, { source: 'Legg til lapp' }));
      await add.focus();
      await tab.keyboard.press('Enter');
      await tab.waitForSelector(`${FIRST_CARD} >>> refleksjon-lapp >>> textarea`, { visible: true });
      await tab.waitForFunction(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.localName === 'textarea';
      });
      const words = `Kortere ventetid (${lang})`;
      await tab.keyboard.type(words);
      await tab.keyboard.press('Enter');
      const shown = await tab.waitForSelector(`${FIRST_CARD} >>> refleksjon-lapp >>> p.text`, { visible: true });
      assert.equal((await shown.evaluate((element) => element.innerText)).trim(), words);
    });

    it('fetches each feature on first use: timer, follow-up form, move dialog, dragging, export', async () => {
      const { tab } = run;
      // The timer (its own element, in a chunk).
      await (await tab.waitForSelector(`${GUIDE} >>> button.show-timer`, { visible: true })).click();
      await tab.waitForSelector(`${GUIDE} >>> innovasjon-tidtaker >>> button`, { visible: true });
      // The follow-up form.
      await (await tab.waitForSelector(`${STEP} >>> innovasjon-oppfolging >>> button.add-button`, { visible: true })).click();
      await tab.waitForSelector(`${STEP} >>> innovasjon-oppfolging >>> innovasjon-action-form`, { visible: true });
      await tab.waitForFunction(() => customElements.get('innovasjon-action-form'));
      // The move dialog, from the note's menu.
      await (await tab.waitForSelector(`${FIRST_CARD} >>> refleksjon-lapp >>> button.menu-button`, { visible: true })).click();
      const move = await tab.waitForSelector(`${STEP} >>> [role="menuitem"][aria-haspopup="dialog"]`, { visible: true });
      assert.equal((await move.evaluate((element) => element.innerText)).trim(), text(lang, { source: 'Flytt' }));
      await move.click();
      await tab.waitForSelector(`${FIRST_CARD} >>> dialog[open]`, { visible: true });
      await tab.keyboard.press('Escape');
      await tab.waitForFunction(
        () =>
          !document
            .querySelector('innovasjon-guide')
            ?.shadowRoot?.querySelector('innovasjon-trinn')
            ?.shadowRoot?.querySelector('innovasjon-kort')
            ?.shadowRoot?.querySelector('dialog[open]'),
      );
      // Dragging: fetched when a pointer presses a note's grip.
      const grip = await tab.waitForSelector(`${FIRST_CARD} >>> refleksjon-lapp >>> [data-drag-handle]`, { visible: true });
      const box = await grip.boundingBox();
      await tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await tab.mouse.down();
      await tab.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => /\/chunks\/note-drag-[^/]+\.js$/.test(entry.name)));
      await tab.mouse.up();
      // Export (the transfer chunk), through the API a host page uses.
      const markdown = await tab.$eval(GUIDE, (guide) => guide.exportAs('markdown'));
      assert.ok(markdown.includes(`Kortere ventetid (${lang})`), 'the export holds the note');
    });

    it('loads the chunks that need a collaboration server (live room, session, facilitator panel, workshop) with their translations', async () => {
      // They need a collaboration server reached through the page (collab-url, a session, Led økten, collab-start):
      // here they are imported as the bundle's own import() does, from the same folder.
      const { tab } = run;
      const features = ['live', 'session-controls', 'session-view', 'session-events', 'phase-panel', 'countdown', 'chime', 'workshop-ui', 'share-panel', 'presentation'];
      for (const feature of features) {
        const chunks = filesUnder(CMS).filter((file) => new RegExp(`^chunks/${feature}-[^/]+\\.js$`).test(file));
        assert.equal(chunks.length, 1, `one chunks/${feature}-… in cms/: ${chunks}`);
        await tab.evaluate((url) => import(url).then(() => undefined), `${origin}${BASE}${chunks[0]}`);
      }
    });

    it('was answered 200 for every request, from this server only, with no console errors or warnings', async () => {
      const { seen } = run;
      assert.deepEqual(seen.failed, [], 'no request failed');
      const notOk = seen.responses.filter(({ status }) => status !== 200);
      assert.deepEqual(notOk, [], 'every response is 200');
      // data: URLs are not fetched from anywhere (Chromium's own date-picker icon is one).
      const elsewhere = seen.responses.filter(({ url }) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
      assert.deepEqual(elsewhere, [], 'no request to another host');
      assert.deepEqual(seen.errors, [], 'no console errors');
      assert.deepEqual(seen.warnings, [], 'no console warnings');
      const paths = seen.responses.map(({ url }) => new URL(url).pathname);
      const localeChunks = paths.filter((path) => path.startsWith(`${BASE}locales/`));
      if (lang === 'nb') assert.deepEqual(localeChunks, [], 'bokmål is in the core: no locale chunk');
      else {
        for (const feature of ['', 'collab-', 'lead-', 'workshop-']) {
          assert.ok(
            localeChunks.some((path) => new RegExp(`/locales/${feature}${lang}-[^/]+\\.js$`).test(path)),
            `the ${feature || 'page'} translations for ${lang} were fetched: ${localeChunks}`,
          );
        }
      }
    });
  });
}

describe('release/cms/ holds only what the page fetches', () => {
  it('has no file that none of the runs fetched', () => {
    const files = filesUnder(CMS);
    const never = files.filter((file) => !served.has(`${BASE}${file}`));
    assert.deepEqual(never, [], `never fetched in ${LANGUAGES.join(', ')}`);
    const notShipped = [...served].filter((path) => path.startsWith(BASE) && !files.includes(path.slice(BASE.length)));
    assert.deepEqual(notShipped, [], 'asked for, but not in cms/');
    assert.ok(!files.some((file) => /\.(map|ts)$/.test(file)), 'no source maps or types');
  });
});
