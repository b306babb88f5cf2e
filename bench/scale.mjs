// `npm run bench:scale`: 1,000 clients in 100 rooms, first on one server, then on two server
// instances that share Redis and PostgreSQL (each room's clients spread over both, so most
// changes cross instances). Each run is bench/collab.mjs in a process of its own; see
// bench/README.md ("Several instances").
//
// Budget: with two instances, p99 ≤ 100 ms and nothing lost at a change every 2 s per client.
// Exit code: 0 budget met, 1 budget missed, 2 a run could not run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COLLAB = join(dirname(fileURLToPath(import.meta.url)), 'collab.mjs');
const BUDGET_MS = 100;

const USAGE = `Usage: npm run bench:scale -- [options]
  --no-ramp          only the budget step of each run
  --window S         measured seconds of the budget step (60)
  --markdown FILE    also write both reports to FILE
Other options are passed on to bench/collab.mjs (--rooms, --clients, --workers, --interval, --step).`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const markdownAt = args.indexOf('--markdown');
const markdown = markdownAt >= 0 ? args.splice(markdownAt, 2)[1] : undefined;
const passed = ['--rooms', '100', '--clients', '10', '--window', '60', '--budget', String(BUDGET_MS), '--timeout', '900', ...args];

const dir = mkdtempSync(join(os.tmpdir(), 'innovasjonsguide-bench-scale-'));
let child = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // collab.mjs stops its servers, services and workers on the same signal.
    child?.kill(signal);
    child?.once('exit', () => process.exit(130));
    if (!child) process.exit(130);
  });
}

function run(instances) {
  const json = join(dir, `${instances}.json`);
  const md = join(dir, `${instances}.md`);
  process.stderr.write(`\n— ${instances === 1 ? 'One instance' : `${instances} instances with Redis and PostgreSQL`} —\n`);
  child = spawn(process.execPath, [COLLAB, ...passed, '--instances', String(instances), '--json', json, '--markdown', md], { stdio: 'inherit' });
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      child = null;
      const ok = code === 0 || code === 1;
      resolve({ instances, code: code ?? signal, result: ok ? JSON.parse(readFileSync(json, 'utf8')) : null, report: ok ? readFileSync(md, 'utf8') : '' });
    }),
  );
}

const fmt = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 1 : 0 }) : '–');

function summary(runs) {
  const lines = ['## Several instances: 1,000 clients in 100 rooms', ''];
  for (const { instances, result } of runs) {
    const budget = result?.budget?.step;
    if (!budget) continue;
    let line = `- ${instances === 1 ? 'One instance' : `${instances} instances (Redis, PostgreSQL)`}: a change every ${fmt(budget.interval)} ms per client, ${fmt(budget.rate)} changes/s, ${fmt(budget.received)} of ${fmt(budget.expected)} deliveries, p50 ${fmt(budget.p50)} ms, p99 ${fmt(budget.p99)} ms; server CPU ${budget.serverCpus.map((c) => `${fmt(c)} %`).join(' + ')}, RSS ${budget.serverRssList.map((r) => `${fmt(r)} MiB`).join(' + ')}.`;
    const ramp = result.ramp;
    if (ramp) {
      line += ` Ramp: ${ramp.stop}`;
      if (ramp.lastUnder) line += `; last under 250 ms at ${fmt(ramp.lastUnder.rate)} changes/s (p99 ${fmt(ramp.lastUnder.p99)} ms)`;
      if (ramp.firstOver) line += `; past 250 ms at ${fmt(ramp.firstOver.rate)} changes/s (p99 ${fmt(ramp.firstOver.p99)} ms)`;
      line += '.';
    }
    lines.push(line);
  }
  return lines.join('\n');
}

try {
  const runs = [await run(1), await run(2)];
  const failed = runs.find((r) => !r.result);
  const text = [summary(runs), ...runs.map((r) => r.report)].join('\n\n');
  if (markdown) writeFileSync(markdown, `${text}\n`);
  console.log(`\n${summary(runs)}`);
  if (failed) {
    process.stderr.write(`The run with ${failed.instances} instance(s) could not run (exit ${failed.code}).\n`);
    process.exitCode = 2;
  } else {
    const two = runs[1].result.budget;
    const met = two ? two.met : true;
    console.log(met ? `\n**Budget met** (two instances): p99 ≤ ${BUDGET_MS} ms, nothing lost.` : `\n**Budget missed** (two instances): p99 ${fmt(two.step.p99)} ms (budget ${BUDGET_MS} ms), ${fmt(two.step.missed)} deliveries missed.`);
    process.exitCode = met ? 0 : 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
