// The built Storybook (npm run build-storybook → storybook-static/) served as plain files: the docs page of
// <innovasjon-guide> shows its reference tables from custom-elements.json, with the storage-key attribute's row,
// its events and CSS parts, and the element itself rendered in the story (registered, with a shadow root).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/ensure-browser.mjs';

const SITE = resolve('storybook-static');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

let server;
let origin;
let browser;

before(async () => {
  if (!existsSync(join(SITE, 'iframe.html'))) throw new Error('storybook-static/ is missing: run npm run build-storybook first');
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const file = join(SITE, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(SITE + sep) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run node scripts/ensure-browser.mjs (BROWSERS=chromium)');
  browser = await puppeteer.launch({ executablePath, headless: true, args: ['--headless', ...CHROMIUM_ARGS] });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

test('the docs page of <innovasjon-guide> has the storage-key row, its events and parts, and the element rendered', async () => {
  const tab = await browser.newPage();
  tab.setDefaultTimeout(30_000);
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(`${origin}/iframe.html?id=elements-innovasjon-guide--docs&viewMode=docs`, { waitUntil: 'load' });
  // The argument table: one row per attribute, property, event, CSS property and part, found by its name cell.
  const rowText = (name) =>
    tab.waitForFunction(
      (wanted) => [...document.querySelectorAll('.docblock-argstable tbody tr')].find((row) => row.querySelector('td')?.textContent?.trim() === wanted)?.textContent,
      {},
      name,
    );
  const storageKey = await (await rowText('storage-key')).jsonValue();
  assert.match(storageKey, /localStorage key/);
  assert.match(await (await rowText('innovasjon-note-add')).jsonValue(), /A note was added/);
  assert.match(await (await rowText('innovasjon-load')).jsonValue(), /stored document is loaded/);
  assert.match(await (await rowText('nav-button')).jsonValue(), /One step in the navigation/);
  // The story on the docs page renders the element itself, registered and upgraded.
  const rendered = await tab.waitForFunction(() => {
    const guide = document.querySelector('innovasjon-guide');
    return guide && customElements.get('innovasjon-guide') && guide.shadowRoot?.querySelector('nav') ? true : undefined;
  });
  assert.equal(await rendered.jsonValue(), true);
  assert.deepEqual(errors, []);
  await tab.close();
});
