// Takes a screenshot of one step with a few notes, for the README and for
// before-and-after comparisons of the look: `node scripts/board-screenshot.mjs docs/board-after.png`
// (VOTES=3 shows the vote buttons, THEME=dark or THEME=kommune a theme example).
// Needs Chromium at /usr/bin/chromium (or CHROMIUM=path).
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer from 'puppeteer-core';

const output = process.argv[2] ?? 'docs/board.png';
const port = Number(process.env.PORT ?? 8765);
const width = Number(process.env.WIDTH ?? 1200);

const server = spawn('npx', ['wds', '--config', 'web-dev-server.config.mjs', '--port', String(port)], { stdio: 'ignore' });
let browser;
try {
  for (let tries = 0; ; tries++) {
    try {
      await fetch(`http://localhost:${port}/demo/index.html`);
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await sleep(200);
    }
  }
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--font-render-hinting=none'],
  });
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
  await page.goto(`http://localhost:${port}/demo/index.html`);
  await page.setContent(`<!doctype html><html lang="nb"><head><meta charset="utf-8">
    <style>body { margin: 0; padding: 24px; font-family: system-ui, sans-serif; background: #ffffff; }</style>
    <script type="module" src="/src/index.ts"></script></head>
    <body><innovasjon-trinn no-storage number="1" votes-per-person="${process.env.VOTES ?? 0}"></innovasjon-trinn></body></html>`);
  await page.waitForFunction(() => customElements.get('innovasjon-trinn') && document.querySelector('innovasjon-trinn')?.shadowRoot);
  if (process.env.THEME) {
    // One of the theme examples the stories and the accessibility tests use (stories/themes.ts).
    await page.evaluate(async (name) => {
      const { themes } = await import('/stories/themes.ts');
      for (const [property, value] of Object.entries(themes[name])) document.body.style.setProperty(property, value);
    }, process.env.THEME);
  }
  await page.evaluate(async () => {
    const trinn = document.querySelector('innovasjon-trinn');
    trinn.addNote('t1-mal', 'Kortere ventetid på hjemmetjenester', { author: 'Kari' });
    trinn.addNote('t1-mal', 'Innbyggerne skal få svar innen to uker', { color: 'blue', author: 'Ali' });
    trinn.addNote('t1-mal', 'Færre telefoner som ingen svarer på', { color: 'pink' });
    trinn.addNote('t1-team', 'Hjemmetjenesten, tildelingskontoret og to brukere', { color: 'green', author: 'Ola' });
    trinn.addNote('t1-team', 'Spør IT om å være med fra starten', { color: 'orange' });
    trinn.addNote('t1-forankring', 'Kommunedirektøren har sagt ja', { author: 'Kari' });
    const data = trinn.data;
    const first = data.notes[0];
    trinn.data = { ...data, notes: data.notes.map((note) => (note.id === first.id ? { ...note, votes: ['a', 'b'] } : note)) };
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  const height = await page.evaluate(() => document.querySelector('innovasjon-trinn').getBoundingClientRect().bottom + 24);
  await page.setViewport({ width, height: Math.ceil(height), deviceScaleFactor: 1 });
  await page.screenshot({ path: output, fullPage: true });
  console.log(`wrote ${output}`);
} finally {
  await browser?.close();
  server.kill();
}
