// `npm run bench:scale`: the same load (500 clients in 50 rooms, a change every 2 s each, joins
// spread over 15 s) on one instance as shipped (SQLite), on one instance with Redis and PostgreSQL,
// then on two instances sharing Redis and PostgreSQL with rooms spread by name (each room's clients
// meet on the room's first instance, as pages order collabUrls: src/collab/room-order.ts). Then, in
// a phase of its own, one instance killed with -9 and Redis restarted under load. Each run is
// bench/collab.mjs in a process of its own; see bench/README.md ("Several instances").
//
// Budget (two instances): p99 ≤ 50 ms and nothing lost; after the kill every client of the killed
// instance synced again on the other within 10 s, and afterwards every client of every room holding
// every change; as CI runs it (--no-ramp), the whole run within 10 minutes. Reported beside it, not
// held: the two instances' CPU time together against 1.2 × one instance's for the same load on the
// same Redis and PostgreSQL (what adding an instance costs; the services reported apart, and
// SQLite's figure beside it).
// Exit code: 0 budget met, 1 budget missed, 2 a run could not run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COLLAB = join(dirname(fileURLToPath(import.meta.url)), 'collab.mjs');
const BUDGET_MS = 50;
const CPU_RATIO = 1.2;
/** The whole run, as CI runs it (--no-ramp), in seconds. */
const RUN_LIMIT_S = 600;
const startedAt = Date.now();

const USAGE = `Usage: npm run bench:scale -- [options]
  --no-ramp          only the budget step of each run (as CI runs it)
  --window S         measured seconds of the budget step (60)
  --markdown FILE    also write the reports to FILE
  --json FILE        also write the summary to FILE
Other options are passed on to bench/collab.mjs (--rooms, --clients, --workers, --interval, --step,
--generator light for clients without a document each).`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const take = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const markdown = take('--markdown');
const jsonFile = take('--json');
const passed = ['--rooms', '50', '--clients', '10', '--interval', '2000', '--join', '15', '--window', '60', '--budget', String(BUDGET_MS), '--timeout', '420', ...args];

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

const titleOf = (instances, services) =>
  instances === 1 ? `One instance (${services === 'sqlite' ? 'SQLite' : 'Redis, PostgreSQL'})` : `${instances} instances (Redis, PostgreSQL), rooms spread by name`;

function run(instances, services, extra = []) {
  const json = join(dir, `${instances}-${services}.json`);
  const md = join(dir, `${instances}-${services}.md`);
  process.stderr.write(`\n— ${titleOf(instances, services)} —\n`);
  child = spawn(process.execPath, [COLLAB, ...passed, '--instances', String(instances), '--services', services, ...extra, '--json', json, '--markdown', md], { stdio: 'inherit' });
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      child = null;
      const ok = code === 0 || code === 1;
      resolve({ instances, services, code: code ?? signal, result: ok ? JSON.parse(readFileSync(json, 'utf8')) : null, report: ok ? readFileSync(md, 'utf8') : '' });
    }),
  );
}

const fmt = (n, digits) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits ?? (Math.abs(n) < 10 ? 1 : 0) }) : '–');

/** The figures an operator needs for docs/drift.md's capacity table, per run. */
function figures({ result }) {
  const s = result.budget.step;
  const deliveries = s.received / s.window;
  return {
    rate: s.rate,
    deliveriesPerSecond: deliveries,
    p50: s.p50,
    p99: s.p99,
    missed: s.missed,
    serverCpus: s.serverCpus,
    serverCpuSeconds: s.serverCpuSeconds,
    /** CPU time of all instances per delivered change (one change reaching one other client). */
    cpuMsPerDelivery: (s.serverCpuSeconds * 1000) / s.received,
    cpuMsPerChange: (s.serverCpuSeconds * 1000) / s.sent,
    servicesCpu: s.servicesCpu ?? {},
    redisBytesPerChange: s.redisTraffic ? (s.redisTraffic.inputBytes + s.redisTraffic.outputBytes) / s.sent : undefined,
    redisCommandsPerChange: s.redisTraffic ? s.redisTraffic.commands / s.sent : undefined,
    generatorCpu: s.generatorCpu,
    serverRunQueueWait: s.serverRunQueueWait,
  };
}

function summary(runs, verdict) {
  const lines = ['## Several instances: 500 clients in 50 rooms, a change every 2 s each', ''];
  for (const run of runs) {
    if (!run.result?.budget) continue;
    const f = figures(run);
    const services = Object.entries(f.servicesCpu).map(([name, cpu]) => `${name} ${fmt(cpu)} %`).join(', ');
    lines.push(
      `- ${titleOf(run.instances, run.services)}: ${fmt(f.rate)} changes/s, ${fmt(f.deliveriesPerSecond)} deliveries/s, ` +
        `p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms, ${fmt(f.missed)} missed; instance CPU ${f.serverCpus.map((c) => `${fmt(c)} %`).join(' + ')} of a core ` +
        `(${fmt(f.serverCpuSeconds)} CPU-s over the window, ${fmt(f.cpuMsPerDelivery, 3)} ms per delivery)` +
        (services ? `; apart: ${services}` : '') +
        (f.redisBytesPerChange !== undefined ? `; Redis ${fmt(f.redisBytesPerChange)} bytes and ${fmt(f.redisCommandsPerChange, 2)} commands per change` : '') +
        `; load generator ${fmt(f.generatorCpu)} %; instances waited for a CPU ${fmt(f.serverRunQueueWait)} %.`,
    );
  }
  if (verdict) lines.push('', ...verdict);
  return lines.join('\n');
}

try {
  const runs = [await run(1, 'sqlite'), await run(1, 'redis+postgres'), await run(2, 'redis+postgres', ['--spread', 'room', '--failover'])];
  const failed = runs.find((r) => !r.result?.budget);
  let verdict = [];
  if (failed) {
    verdict = [`The run "${titleOf(failed.instances, failed.services)}" could not run (exit ${failed.code}).`];
    process.exitCode = 2;
  } else {
    const [sqlite, one, two] = runs.map(figures);
    const ratio = two.serverCpuSeconds / one.serverCpuSeconds;
    const ratioSqlite = two.serverCpuSeconds / sqlite.serverCpuSeconds;
    const failover = runs[2].result.failover;
    const checks = [
      [two.p99 <= BUDGET_MS, `two instances p99 ${fmt(two.p99)} ms (≤ ${BUDGET_MS} ms)`],
      [two.missed === 0, `${fmt(two.missed)} deliveries missed (none)`],
      // Reported, not held: on one 2-core machine an instance's CPU time depends on whether it shares
      // its core with the load generator (bench/README.md, "Several instances"), so the ratio ranged
      // 0.92-1.32 x over eight runs of the same server, and 0.93-1.39 x over thirteen with light clients
      // (--generator light); a CI that failed on it would fail on the machine.
      [ratio <= CPU_RATIO, `two instances' CPU time ${ratio.toFixed(2)} × one instance's on the same Redis and PostgreSQL (≤ ${CPU_RATIO} ×; ${ratioSqlite.toFixed(2)} × one instance on SQLite, which needs neither)`, 'reported'],
      [failover?.kill?.met === true, `after kill -9: ${fmt(failover?.kill?.back)} of ${fmt(failover?.kill?.affected)} clients back on the other instance in ${fmt(failover?.kill?.backMs)} ms (≤ 10,000 ms)`],
      [failover?.converged?.ok === true, `after the kill and a Redis restart: ${fmt(failover?.converged?.convergedRooms)} of ${fmt(failover?.converged?.rooms)} rooms converged, every client holding every change`],
    ];
    const seconds = (Date.now() - startedAt) / 1000;
    if (args.length === 1 && args[0] === '--no-ramp') checks.push([seconds <= RUN_LIMIT_S, `the whole run took ${fmt(seconds)} s (≤ ${RUN_LIMIT_S} s, as CI runs it)`]);
    const met = checks.every(([ok, , kind]) => ok || kind === 'reported');
    const word = (ok, kind) => (kind === 'reported' ? (ok ? 'met (reported, not held)' : 'over (reported, not held)') : ok ? 'met' : 'MISSED');
    verdict = [met ? '**Budget met**:' : '**Budget missed**:', ...checks.map(([ok, text, kind]) => `- ${word(ok, kind)}: ${text}`)];
    process.exitCode = met ? 0 : 1;
    if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ sqlite, one, two, ratio, ratioSqlite, cpuRatioMet: ratio <= CPU_RATIO, failover, met }, null, 2)}\n`);
  }
  const text = [summary(runs, verdict), ...runs.map((r) => r.report)].join('\n\n');
  if (markdown) writeFileSync(markdown, `${text}\n`);
  console.log(`\n${summary(runs, verdict)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
