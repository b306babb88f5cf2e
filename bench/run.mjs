#!/usr/bin/env node
// npm run bench      the full benchmark (a few minutes)
// npm run bench:ci   a short one for CI (fewer samples), same scenarios and budgets
//
// Bundles bench/pages/ (the library from src/ and the hand-written baseline)
// with esbuild, serves it on localhost, drives Debian's Chromium headless with
// puppeteer-core, interleaves library and baseline samples in one page, reads
// each sample's main-thread CPU time from Chromium's trace (wall-clock time
// beside it), prints a table and exits non-zero when a budget is missed
// (1: a budget, 2: the bench itself failed). bench/README.md explains the method.
//
// Options: --ci  --only render,add,typing,step,workshop,storage,heap  --sizes 0,100,1000,5000
//          --profile[=DIR]  --json FILE  --markdown FILE  --chrome PATH
// BENCH_LIBRARY_SRC=folder bundles the library from a copy of src/ (to measure a change first).
import http from 'node:http';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { buildBenchPage } from './build.mjs';
import { KEYSTROKE_CATEGORIES, keystrokeCosts, MARK_CATEGORIES, markedSamples } from './trace.mjs';
import { CHROMIUM_ARGS } from '../scripts/ensure-browser.mjs';

// ---- options and plan -------------------------------------------------------

const argv = process.argv.slice(2);
const option = (name) => {
  const found = argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (!found) return undefined;
  if (found.includes('=')) return found.slice(found.indexOf('=') + 1);
  const next = argv[argv.indexOf(found) + 1];
  return next && !next.startsWith('--') ? next : true;
};
const CI = Boolean(option('ci'));
const ONLY = typeof option('only') === 'string' ? new Set(option('only').split(',')) : null;
const PROFILE = option('profile');
const runs = (scenario) => !ONLY || ONLY.has(scenario);
const SIZES = typeof option('sizes') === 'string' ? option('sizes').split(',').map(Number) : null;

/** Samples per scenario: `full` for npm run bench, `ci` for npm run bench:ci. */
const PLAN = CI
  ? {
      render: { sizes: [0, 100, 1000, 5000], samples: { 0: 9, 100: 9, 1000: 9, 5000: 3 }, warmup: { 0: 2, 100: 2, 1000: 2, 5000: 1 } },
      add: { blocks: 2, perBlock: 6 },
      typing: { passes: 2, perBlock: 20 }, // the tightest budget: as many keys as the full run, for a steady median
      step: { blocks: 2, perBlock: 6 },
      workshop: { samples: 9, warmup: 2, blocks: 2, perBlock: 6 },
      storage: { samples: 9 },
      heap: { rounds: 2 },
    }
  : {
      render: { sizes: [0, 100, 1000, 5000], samples: { 0: 25, 100: 25, 1000: 21, 5000: 9 }, warmup: { 0: 3, 100: 3, 1000: 3, 5000: 1 } },
      add: { blocks: 4, perBlock: 10 },
      typing: { passes: 2, perBlock: 20 },
      step: { blocks: 4, perBlock: 8 },
      workshop: { samples: 25, warmup: 3, blocks: 4, perBlock: 8 },
      storage: { samples: 25 },
      heap: { rounds: 4 },
    };

/**
 * The budgets (issue 9; the ratios of issue 16, against the minimal baseline).
 * Never loosen them: make the library faster.
 */
const BUDGETS = {
  render1000Ratio: 2,
  keystrokeRatio: 1.2,
  keystrokeUpdates: 1,
  stepRatio: 1.5,
  /** Saving against the raw work it cannot avoid (JSON.stringify + setItem) in the same run; was 20 ms on one machine. */
  save5000Ratio: 1.2,
  longTaskMs: 50,
};

/**
 * Budgets an open issue set that the library does not meet yet: measured and
 * printed as PENDING on every run, without failing it, until they pass. The
 * issue stays open while one is listed here; never add a met budget.
 */
const PENDING = new Set(); // issue 16's step switch met its budget (content-visibility on notes)

/** 100 characters typed into one note; plain ASCII so every key sends keydown, keypress and input. */
const TYPED = 'kortere ventetid og bedre samarbeid mellom tjenestene gir mer tid til brukerne hver eneste dag, takk';
if (TYPED.length !== 100) throw new Error(`TYPED is ${TYPED.length} characters`);


// ---- statistics and formatting ---------------------------------------------

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}
const fmt = (value, unit = 'ms') => {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  if (unit === 'KiB') return `${Math.round(value / 1024).toLocaleString('en-US')} KiB`;
  if (unit === '') return String(value);
  const digits = Math.abs(value) < 1 ? 3 : Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
};
const iqr = (s, unit = 'ms') => (s ? `${fmt(s.p25, unit)}–${fmt(s.p75, unit)}` : '—');

// ---- the page ---------------------------------------------------------------

const PAGE = `<!doctype html>
<html lang="nb">
  <head>
    <meta charset="utf-8" />
    <title>innovasjonsguide bench</title>
    <script>
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
    </script>
    <style>
      body { margin: 0; padding: 16px; font: 16px/1.4 system-ui, sans-serif; }
      #library, #baseline { max-width: 1200px; }
    </style>
  </head>
  <body>
    <div id="library"></div>
    <div id="baseline"></div>
    <script type="module" src="/bench.js"></script>
  </body>
</html>`;

function serve(script) {
  const server = http.createServer((request, response) => {
    if (request.url === '/bench.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      response.end(script);
    } else if (request.url === '/favicon.ico') {
      response.writeHead(204).end();
    } else if (request.url === '/' || request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(PAGE);
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function findChromium() {
  const candidates = [
    typeof option('chrome') === 'string' ? option('chrome') : undefined,
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter(Boolean);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    console.error('bench: no Chromium found. On Debian: apt-get install -y chromium (or set CHROME_PATH).');
    process.exit(2);
  }
  return found;
}

// ---- scenarios ----------------------------------------------------------------

const IMPLS = ['library', 'baseline'];
/** Alternates which implementation goes first, so neither always runs on a warmer or colder page. */
const order = (index) => (index % 2 ? [...IMPLS].reverse() : IMPLS);

async function main() {
  const started = Date.now();
  console.log(`bench: ${CI ? 'short (CI)' : 'full'} run; bundling bench/pages with esbuild…`);
  const script = await buildBenchPage();
  const server = await serve(script);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'innovasjon-bench-'));
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    userDataDir,
    args: CHROMIUM_ARGS,
    defaultViewport: { width: 1280, height: 900 },
    protocolTimeout: 600_000,
  });
  const results = { rows: [], failures: [], pending: [], notes: [] };
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.log(`  page ${message.type()}: ${message.text()}`);
    });
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', { timeout: 30_000 });
    if (errors.length) throw errors[0];
    const cdp = await page.createCDPSession();
    const machine = await describeMachine(browser);
    printMachine(machine);

    const call = (fn, ...args) => page.evaluate(fn, ...args);
    const gc = () => cdp.send('HeapProfiler.collectGarbage');
    /** Lets the page finish its frame, collects garbage, and waits one more frame: the next sample starts quiet. */
    const quiet = async () => {
      await call(() => window.bench.frame());
      await gc();
      await call(() => window.bench.frame());
    };
    const context = { page, cdp, call, gc, quiet, results };

    await checkInformation(context);
    if (runs('render')) await scenarioRender(context);
    if (runs('add')) await scenarioAdd(context);
    if (runs('typing')) await scenarioTyping(context);
    if (runs('step')) await scenarioStep(context);
    if (runs('workshop')) await scenarioWorkshop(context);
    if (runs('storage')) await scenarioStorage(context);
    if (runs('heap')) await scenarioHeap(context);
    if (PROFILE) {
      const directory = typeof PROFILE === 'string' ? PROFILE : fs.mkdtempSync(path.join(os.tmpdir(), 'innovasjon-bench-profiles-'));
      await profileLibrary(context, directory);
    }
    if (errors.length) throw errors[0];

    const seconds = Math.round((Date.now() - started) / 1000);
    machine.loadEnd = os.loadavg()[0];
    machine.line += `; load average ${machine.loadStart.toFixed(1)} at start, ${machine.loadEnd.toFixed(1)} at end`;
    if (Math.max(machine.loadStart, machine.loadEnd) > machine.cores) {
      results.notes.push(
        `the machine was busy with other work (load average above its ${machine.cores} cores): ` +
          'library and baseline are interleaved so both bear it, but spreads are wider and long tasks more likely.',
      );
    }
    const table = renderTable(results.rows);
    console.log(`\n${table}\n`);
    for (const note of results.notes) console.log(`note: ${note}`);
    console.log(`\nMachine: ${machine.line}\nRun: ${CI ? 'bench:ci' : 'bench'}, ${seconds} s, ${new Date().toISOString()}`);
    writeReports(results, machine, table, seconds);
    for (const pending of results.pending) console.log(`PENDING (an open issue's budget, not yet met): ${pending}`);
    if (results.failures.length) {
      console.log(`\nFAILED ${results.failures.length} budget(s):`);
      for (const failure of results.failures) console.log(`  - ${failure}`);
      process.exitCode = 1;
    } else {
      console.log(results.pending.length ? '\nAll enforced budgets met; the pending ones above are not yet.' : '\nAll budgets met.');
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function describeMachine(browser) {
  const cpus = os.cpus();
  const version = await browser.version();
  const machine = {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    chromium: version.replace(/^HeadlessChrome\//, ''),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadStart: os.loadavg()[0],
  };
  machine.line = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Chromium ${machine.chromium} (headless); Node ${machine.node}; ${machine.os}`;
  return machine;
}
function printMachine(machine) {
  console.log(`bench: ${machine.line}`);
}

/**
 * The baseline must show what the library shows, or the ratios compare different work.
 * Both are read the same way (bench/pages/main.ts: text and accessible names through
 * shadow roots, buttons and controls by role, not markup or class names).
 */
async function checkInformation({ call, results }) {
  await call(() => window.bench.notes('information', 8, [1, 2]));
  const states = {};
  for (const name of IMPLS) states[name] = await call((name) => window.bench.information(name, 'information'), name);
  results.information = Object.fromEntries(
    Object.keys(states.library).map((state) => [state, { library: states.library[state].read, baseline: states.baseline[state].read }]),
  );
  const firstDifference = (a, b) => {
    const line = a.findIndex((text, index) => text !== b[index]);
    if (line < 0 && a.length === b.length) return null;
    const at = line >= 0 ? line : Math.min(a.length, b.length);
    return [a[at] ?? '(end)', b[at] ?? '(end)'];
  };
  // The baseline is the bench's own code: it must show exactly the design's information.
  for (const [state, { read, expected }] of Object.entries(states.baseline)) {
    const difference = firstDifference(read, expected);
    if (difference) {
      throw new Error(`the baseline does not show what it should (${state}):\n    shows:    ${difference[0]}\n    expected: ${difference[1]}`);
    }
  }
  const mismatches = [];
  for (const state of Object.keys(states.library)) {
    const library = states.library[state].read;
    const baseline = states.baseline[state].read;
    const differing = library.filter((line, index) => line !== baseline[index]).length + Math.abs(library.length - baseline.length);
    const difference = firstDifference(library, baseline);
    if (difference) {
      mismatches.push(`${state} (${differing} line(s) differ), first:\n    library:  ${difference[0]}\n    baseline: ${difference[1]}`);
    }
  }
  const ok = mismatches.length === 0;
  results.rows.push({
    scenario: 'Information: library shows what the baseline shows (step 1, editing, step 2, voting)',
    library: ok ? 'same' : 'differs',
    baseline: '',
    budget: 'same',
    pass: ok,
  });
  if (!ok) {
    results.failures.push('the library and the baseline show different information: see "information differs" above');
    console.log(`bench: information differs (library against baseline):\n  ${mismatches.join('\n  ')}`);
  } else {
    console.log('bench: the library shows the same information as the baseline');
  }
}

/**
 * Timed samples: each names itself with a label, the page marks its start and
 * end, and the trace gives the main thread's CPU time between the marks (the
 * figure the table and the budgets use) next to its wall-clock time.
 */
class Samples {
  static #next = 0;
  #pending = [];
  cpu = { library: [], baseline: [] };
  wall = { library: [], baseline: [] };

  label(name, keep = true) {
    const label = `bench:${Samples.#next++}`;
    this.#pending.push({ name, label, keep });
    return label;
  }

  /** Files the CPU and wall time of the samples labelled so far, from the marks of a trace. */
  file(marked) {
    for (const { name, label, keep } of this.#pending.splice(0)) {
      const sample = marked.get(label);
      if (!sample) throw new Error(`no marks for ${name}'s sample ${label} in the trace`);
      if (!keep) continue;
      this.cpu[name].push(sample.cpu);
      this.wall[name].push(sample.wall);
    }
  }

  /** Runs `action` in a trace and files the samples labelled meanwhile (in this and `others`). */
  async traced(page, action, others = []) {
    await page.tracing.start({ categories: MARK_CATEGORIES });
    let buffer;
    try {
      await action();
    } finally {
      buffer = await page.tracing.stop();
    }
    const marked = markedSamples(JSON.parse(Buffer.from(buffer).toString('utf8')));
    for (const samples of [this, ...others]) samples.file(marked);
    await page.evaluate(() => window.bench.clearMarks());
  }
}

/** First-render samples of `set` on step 1, interleaved; returns the row. */
async function renderRow({ page, call, quiet }, set, title, samples, warmup) {
  const timed = new Samples();
  await timed.traced(page, async () => {
    for (let index = 0; index < warmup + samples; index++) {
      for (const name of order(index)) {
        await quiet();
        const label = timed.label(name, index >= warmup);
        await call((name, set, label) => window.bench.mount(name, set, 1, label), name, set, label);
        await call((name) => window.bench.unmount(name), name);
      }
    }
  });
  return compareRow(title, timed);
}

async function scenarioRender(context) {
  const { call, results } = context;
  const { samples, warmup } = PLAN.render;
  const sizes = SIZES ?? PLAN.render.sizes;
  for (const size of sizes) {
    const set = `render${size}`;
    await call((set, size) => window.bench.notes(set, size, [1]), set, size);
    const row = await renderRow(
      context,
      set,
      `First render, ${size.toLocaleString('en-US')} notes on step 1`,
      samples[size] ?? samples[1000],
      warmup[size] ?? warmup[1000],
    );
    if (size === 1000) budgetRatio(row, BUDGETS.render1000Ratio, results, 'first render with 1,000 notes');
    results.rows.push(row);
    progress(row);
  }
}

async function scenarioAdd({ page, call, quiet, results }) {
  const { blocks, perBlock } = PLAN.add;
  await call(() => window.bench.notes('add1000', 1000, [1]));
  const timed = new Samples();
  for (let block = 0; block < blocks; block++) {
    for (const name of order(block)) {
      await call((name) => window.bench.mount(name, 'add1000', 1), name);
      await quiet();
      await timed.traced(page, async () => {
        for (let index = 0; index < perBlock + 1; index++) {
          const cardId = ['t1-mal', 't1-forankring', 't1-team'][index % 3];
          const label = timed.label(name, index > 0); // the first add of a block warms up
          await call(
            (name, cardId, text, label) => window.bench.addNote(name, cardId, text, label),
            name,
            cardId,
            `Ny lapp ${index}: kortere ventetid`,
            label,
          );
          await call((name) => window.bench.removeAdded(name), name);
          await quiet();
        }
      });
      await call((name) => window.bench.unmount(name), name);
    }
  }
  const row = compareRow('Add one note (guide.addNote), 1,000 notes', timed);
  results.rows.push(row);
  progress(row);
}

async function scenarioTyping({ page, call, quiet, results }) {
  const { passes, perBlock } = PLAN.typing;
  await call(() => window.bench.notes('type1000', 1000, [1]));
  // A note in the middle of the first card (every third note is on it).
  const noteId = await call(() => window.bench.noteIds('type1000')[450]);
  const series = {};
  for (const key of ['cpu', 'keyTasks', 'frame', 'wall', 'handled']) series[key] = { library: [], baseline: [] };
  const updates = [];
  let onlyTarget = true;
  const updateTags = new Set();
  const longTasks = { library: { observed: [], cpu: [], parts: [] }, baseline: { observed: [], cpu: [], parts: [] } };
  // The 100 characters are typed in blocks of `perBlock`, alternating library and baseline
  // block by block (each on a fresh page whose note already holds the text typed so far),
  // so a busy moment on the machine falls on both alike.
  let block = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (let from = 0; from < TYPED.length; from += perBlock, block++) {
      const keys = TYPED.slice(from, from + perBlock);
      for (const name of order(block)) {
        await call((name) => window.bench.mount(name, 'type1000', 1), name);
        await quiet();
        await call((name, id, prefix) => window.bench.startTyping(name, id, prefix), name, noteId, TYPED.slice(0, from));
        // Opening the note scrolls it into view: the notes that come on screen are drawn
        // (content-visibility) in the frames after that, before the person types.
        await quiet();
        await page.tracing.start({ categories: KEYSTROKE_CATEGORIES });
        await call(() => window.bench.markTyping());
        for (const character of keys) {
          await page.keyboard.type(character);
          const result = await call(() => window.bench.keystroke());
          series.handled[name].push(result.handled);
          if (name === 'library') {
            const total = Object.values(result.counts).reduce((sum, count) => sum + count, 0);
            updates.push(total);
            for (const tag of Object.keys(result.counts)) updateTags.add(tag);
            if (!result.onlyTarget) onlyTarget = false;
          }
        }
        const observed = await call(() => window.bench.longTasks());
        const costs = keystrokeCosts(JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8')));
        if (costs.length !== keys.length) throw new Error(`${name}: found ${costs.length} of ${keys.length} keystrokes in the trace`);
        for (const cost of costs) {
          for (const key of ['cpu', 'keyTasks', 'frame', 'wall']) series[key][name].push(cost[key]);
          longTasks[name].cpu.push(...cost.longTasks);
          longTasks[name].parts.push(...cost.longTaskParts);
        }
        longTasks[name].observed.push(...observed.durations);
        const done = await call((name) => window.bench.stopTyping(name), name);
        if (!done.text.endsWith(TYPED.slice(0, from + perBlock))) {
          throw new Error(`${name}: the keys did not all arrive in the note (it ends ${JSON.stringify(done.text.slice(-60))})`);
        }
        await call((name) => window.bench.unmount(name), name);
      }
    }
  }
  const pair = (key) => ({ cpu: series[key], wall: series.wall });
  const row = compareRow('Keystroke in a note, 1,000 notes (keydown → frame done)', pair('cpu'));
  budgetRatio(row, BUDGETS.keystrokeRatio, results, 'keystroke with 1,000 notes');
  results.rows.push(row);
  results.rows.push(compareRow('  of which key events, listeners, Lit update', { cpu: series.keyTasks }));
  results.rows.push(compareRow('  of which the frame (style, layout, paint, commit)', { cpu: series.frame }));
  results.rows.push(compareRow('  in page: keydown → input handled (wall)', { cpu: series.handled }, 'ms', 'wall'));
  const updateStats = stats(updates);
  const oneNote = updates.every((count) => count === BUDGETS.keystrokeUpdates) && onlyTarget;
  results.rows.push({
    scenario: 'Elements re-rendered per keystroke (Lit update calls)',
    library: `${updateStats.median} (max ${updateStats.max}; ${[...updateTags].join(', ') || 'none'})`,
    baseline: 'n/a',
    budget: '= 1, the edited note only',
    pass: oneNote,
  });
  if (!oneNote) {
    results.failures.push(
      `a keystroke re-rendered ${updateStats.max} element(s) (${[...updateTags].join(', ')}${onlyTarget ? '' : ', not only the edited note'})`,
    );
  }
  // The trace lists tasks from BENCH_LONG_MS (50 unless lowered to look closer); the budget counts those over 50.
  const over = (cpu) => cpu.filter((time) => time > BUDGETS.longTaskMs);
  const describe = ({ observed, cpu }) =>
    observed.length || over(cpu).length
      ? `${observed.length} observed (longest ${fmt(Math.max(0, ...observed))}); ${over(cpu).length} with > ${BUDGETS.longTaskMs} ms CPU${over(cpu).length ? ` (longest ${fmt(Math.max(...cpu))})` : ''}`
      : 'none';
  const longOk = over(longTasks.library.cpu).length === 0;
  results.rows.push({
    scenario: `Long tasks while typing ${passes * TYPED.length} characters`,
    library: describe(longTasks.library),
    baseline: describe(longTasks.baseline),
    budget: `none > ${BUDGETS.longTaskMs} ms`,
    pass: longOk,
  });
  if (!longOk) results.failures.push(`${over(longTasks.library.cpu).length} task(s) over ${BUDGETS.longTaskMs} ms of CPU while typing`);
  for (const name of ['library', 'baseline']) {
    longTasks[name].cpu.forEach((time, index) =>
      results.notes.push(`task (${name}) of ${fmt(time)} CPU while typing: ${longTasks[name].parts[index]}`),
    );
  }
  if (longTasks.library.observed.length > over(longTasks.library.cpu).length) {
    results.notes.push(
      'long tasks: PerformanceObserver saw tasks over 50 ms of wall-clock time that used less CPU than that ' +
        '(the main thread was waiting for a CPU held by other processes); the budget counts tasks over 50 ms of CPU.',
    );
  }
  progress(row, `; ${updateStats.median} update(s) per key`);
}

/** Step switches (1→2, 2→1, …) with `set` mounted, interleaved by block; returns the row. */
async function switchRow({ page, call, quiet }, set, title, blocks, perBlock) {
  const timed = new Samples();
  for (let block = 0; block < blocks; block++) {
    for (const name of order(block)) {
      await call((name, set) => window.bench.mount(name, set, 1), name, set);
      await quiet();
      await timed.traced(page, async () => {
        for (let index = 0; index < perBlock + 1; index++) {
          const label = timed.label(name, index > 0); // the first switch of a block warms up
          await call((name, step, label) => window.bench.setStep(name, step, label), name, index % 2 ? 1 : 2, label);
          await quiet();
        }
      });
      await call((name) => window.bench.unmount(name), name);
    }
  }
  return compareRow(title, timed);
}

async function scenarioStep(context) {
  const { call, results } = context;
  const { blocks, perBlock } = PLAN.step;
  await call(() => window.bench.notes('step1000', 1000, [1, 2]));
  const row = await switchRow(context, 'step1000', 'Switch step, 1,000 notes on each step', blocks, perBlock);
  budgetRatio(row, BUDGETS.stepRatio, results, 'step switch with 1,000 notes', 'stepRatio');
  results.rows.push(row);
  progress(row);
}

/** A realistic workshop: 150 notes on the step (and 150 on the next). Reported, no budget. */
async function scenarioWorkshop(context) {
  const { call, results } = context;
  const { samples, warmup, blocks, perBlock } = PLAN.workshop;
  await call(() => window.bench.notes('workshop150', 150, [1, 2]));
  const render = await renderRow(context, 'workshop150', 'Workshop: first render, 150 notes on the step', samples, warmup);
  results.rows.push(render);
  progress(render);
  const step = await switchRow(context, 'workshop150', 'Workshop: switch step, 150 notes on each step', blocks, perBlock);
  results.rows.push(step);
  progress(step);
}

async function scenarioStorage({ page, call, quiet, results }) {
  const { samples } = PLAN.storage;
  await call(() => window.bench.notes('store5000', 5000, [1]));
  const characters = await call(() => window.bench.storage.prepare('store5000'));
  // "baseline" here is the raw work the adapter cannot avoid.
  const save = new Samples();
  const load = new Samples();
  await save.traced(page, async () => {
    for (let index = 0; index < samples + 2; index++) {
      for (const name of order(index)) {
        const kind = name === 'library' ? 'library' : 'raw';
        await quiet();
        await call((kind, label) => window.bench.storage.save(kind, label), kind, save.label(name, index >= 2));
        await quiet();
        await call((kind, label) => window.bench.storage.load(kind, label), kind, load.label(name, index >= 2));
      }
    }
  }, [load]);
  await call(() => window.bench.storage.clear());
  const saveRow = compareRow('Save 5,000 notes (LocalStorageAdapter.save)', save);
  saveRow.baselineLabel = 'raw';
  saveRow.budget = `≤ ${BUDGETS.save5000Ratio}× raw`;
  saveRow.pass = saveRow.ratio <= BUDGETS.save5000Ratio;
  if (!saveRow.pass) {
    results.failures.push(`saving 5,000 notes takes ${fmt(saveRow.lib.median)}, ${saveRow.ratio.toFixed(2)}× the raw work (budget ${BUDGETS.save5000Ratio}×)`);
  }
  const loadRow = compareRow('Load 5,000 notes (LocalStorageAdapter.load)', load);
  loadRow.baselineLabel = 'raw';
  results.rows.push(saveRow, loadRow);
  results.notes.push(
    `storage: the 5,000 notes are ${(characters / 1e6).toFixed(2)} M characters of JSON; the baseline column of ` +
      'save and load is the raw work the adapter cannot avoid (JSON.stringify + setItem; getItem + JSON.parse).',
  );
  progress(saveRow);
  progress(loadRow);
}

async function scenarioHeap({ cdp, call, gc, results }) {
  const { rounds } = PLAN.heap;
  await call(() => window.bench.notes('heap1000', 1000, [1]));
  await call(() => window.bench.notes('heap0', 0, [1]));
  const usage = async () => {
    await gc();
    await gc();
    return cdp.send('Runtime.getHeapUsage');
  };
  const js = { library: [], baseline: [] };
  const dom = { library: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of order(round)) {
      await call((name) => window.bench.mount(name, 'heap0', 1), name);
      await call(() => window.bench.frame());
      const empty = await usage();
      await call((name) => window.bench.unmount(name), name);
      await call((name) => window.bench.mount(name, 'heap1000', 1), name);
      await call(() => window.bench.frame());
      const full = await usage();
      await call((name) => window.bench.unmount(name), name);
      js[name].push(full.usedSize - empty.usedSize);
      if (typeof full.embedderHeapUsedSize === 'number') {
        dom[name].push(full.embedderHeapUsedSize - empty.embedderHeapUsedSize);
      }
    }
  }
  const jsRow = compareRow('JS heap: 1,000 notes rendered minus empty guide', { cpu: js }, 'KiB', 'heap');
  results.rows.push(jsRow);
  if (dom.library.length) results.rows.push(compareRow('  Blink (DOM) heap, same', { cpu: dom }, 'KiB', 'heap'));
  progress(jsRow);
}

// ---- rows, budgets, table ---------------------------------------------------------

const round = (value) => Math.round(value * 1000) / 1000;

function progress(row, extra = '') {
  const unit = row.unit;
  console.log(
    `bench: ${row.scenario.trim()}: library ${fmt(row.lib.median, unit)}, baseline ${row.base ? fmt(row.base.median, unit) : '—'}` +
      `${row.ratio ? ` (${row.ratio.toFixed(2)}×)` : ''}${extra}`,
  );
}

/**
 * A row comparing library and baseline. `measured.cpu` holds the figures the
 * row is about (main-thread CPU time, or bytes); `measured.wall`, where there
 * is one, the wall-clock times of the same samples.
 */
function compareRow(scenario, measured, unit = 'ms', kind = 'cpu') {
  const { cpu, wall } = measured;
  const lib = stats(cpu.library);
  const base = cpu.baseline?.length ? stats(cpu.baseline) : null;
  return {
    scenario,
    kind,
    unit,
    lib,
    base,
    ratio: base ? lib.median / base.median : null,
    wall: wall ? { lib: stats(wall.library), base: wall.baseline?.length ? stats(wall.baseline) : null } : null,
    budget: 'info',
    pass: null,
    samples: { library: cpu.library.map(round), baseline: (cpu.baseline ?? []).map(round) },
  };
}

function budgetRatio(row, limit, results, what, key) {
  row.budget = `≤ ${limit}× baseline`;
  row.pass = row.ratio <= limit;
  if (row.pass) return;
  const message = `${what}: ${row.ratio.toFixed(2)}× baseline (budget ${limit}×)`;
  if (PENDING.has(key)) {
    row.pending = true;
    results.pending.push(message);
  }
  else results.failures.push(message);
}

function renderTable(rows) {
  const header = [
    'Scenario',
    'n',
    'Library median',
    'Baseline median',
    'Ratio',
    'Spread: IQR library / baseline',
    'Wall clock: library / baseline',
    'Budget',
    'Result',
  ];
  const lines = rows.map((row) => {
    if (row.lib) {
      const baseLabel = row.baselineLabel ? ` (${row.baselineLabel})` : '';
      return [
        row.scenario,
        String(row.lib.n),
        fmt(row.lib.median, row.unit),
        row.base ? `${fmt(row.base.median, row.unit)}${baseLabel}` : '—',
        row.ratio === null || !Number.isFinite(row.ratio) ? '—' : `${row.ratio.toFixed(2)}×`,
        `${iqr(row.lib, row.unit)} / ${row.base ? iqr(row.base, row.unit) : '—'}`,
        row.wall ? `${fmt(row.wall.lib.median)} / ${row.wall.base ? fmt(row.wall.base.median) : '—'}` : '',
        row.budget,
        row.pass === null ? '' : row.pass ? 'pass' : row.pending ? 'pending' : '**FAIL**',
      ];
    }
    return [row.scenario, '', row.library, row.baseline || '—', '', '', '', row.budget, row.pass ? 'pass' : row.pending ? 'pending' : '**FAIL**'];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [format(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

function writeReports(results, machine, table, seconds) {
  const json = option('json');
  if (typeof json === 'string') {
    fs.writeFileSync(json, `${JSON.stringify({ machine, ci: CI, seconds, rows: results.rows, failures: results.failures, notes: results.notes, information: results.information }, null, 2)}\n`);
    console.log(`bench: wrote ${json}`);
  }
  const markdown = option('markdown');
  if (typeof markdown === 'string') {
    const text = `${table}\n\n${results.notes.map((note) => `Note: ${note}`).join('\n')}\n\nMachine: ${machine.line}. Run: \`npm run ${CI ? 'bench:ci' : 'bench'}\`, ${seconds} s, ${new Date().toISOString().slice(0, 10)}.\n`;
    fs.writeFileSync(markdown, text);
    console.log(`bench: wrote ${markdown}`);
  }
}

// ---- profiling (--profile): where the library's time goes ------------------------

async function profileLibrary({ page, cdp, call, quiet }, directory) {
  const { summarizeProfile } = await import('./profile.mjs');
  fs.mkdirSync(directory, { recursive: true });
  const script = await buildBenchPage();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  const record = async (name, action) => {
    await quiet();
    await cdp.send('Profiler.start');
    await action();
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(path.join(directory, `${name}.cpuprofile`), JSON.stringify(profile));
    console.log(`\nprofile ${name} (library; ${path.join(directory, `${name}.cpuprofile`)}):`);
    console.log(summarizeProfile(profile, script));
  };
  await call(() => window.bench.notes('render1000', 1000, [1]));
  await record('render-1000', async () => {
    for (let index = 0; index < 3; index++) {
      await call(() => window.bench.mount('library', 'render1000', 1));
      await call(() => window.bench.unmount('library'));
    }
  });
  await call(() => window.bench.notes('step1000', 1000, [1, 2]));
  await call(() => window.bench.mount('library', 'step1000', 1));
  await record('step-switch-1000', async () => {
    for (let index = 0; index < 4; index++) await call((step) => window.bench.setStep('library', step), index % 2 ? 1 : 2);
  });
  await call(() => window.bench.unmount('library'));
  await call(() => window.bench.notes('add1000', 1000, [1]));
  await call(() => window.bench.mount('library', 'add1000', 1));
  await record('add-note-1000', async () => {
    for (let index = 0; index < 10; index++) {
      await call(() => window.bench.addNote('library', 't1-mal', 'Ny lapp'));
      await call(() => window.bench.removeAdded('library'));
    }
  });
  await call(() => window.bench.unmount('library'));
  await call(() => window.bench.notes('type1000', 1000, [1]));
  await call(() => window.bench.mount('library', 'type1000', 1));
  const noteId = await call(() => window.bench.noteIds('type1000')[450]);
  await call((id) => window.bench.startTyping('library', id), noteId);
  await record('typing-1000', async () => {
    for (const character of TYPED.slice(0, 40)) {
      await page.keyboard.type(character);
      await call(() => window.bench.keystroke());
    }
  });
  await call(() => window.bench.stopTyping('library'));
  await call(() => window.bench.unmount('library'));
  await call(() => window.bench.notes('store5000', 5000, [1]));
  await call(() => window.bench.storage.prepare('store5000'));
  await record('save-5000', async () => {
    for (let index = 0; index < 5; index++) await call(() => window.bench.storage.save('library'));
  });
  await call(() => window.bench.storage.clear());
  await cdp.send('Profiler.disable');
}

main().catch((error) => {
  console.error(`bench: ${error?.stack ?? error}`);
  process.exit(2);
});
