// `npm run bench:collab`: the live-collaboration server under load, measured from Node clients on
// loopback. Starts the real server (server/, built first), forks load-generator processes
// (bench/collab-worker.mjs) that hold rooms of real HocuspocusProvider clients, measures how long a
// change takes to reach the room's other clients, and the server's CPU and memory. Then raises the
// rate until p99 passes 250 ms. With --instances 2 or more, several servers share Debian's Redis and
// PostgreSQL (started on free loopback ports) and each room's clients are spread over them
// (`npm run bench:scale`). See bench/README.md ("Live collaboration benchmark").
//
// Exit code: 0 budget met, 1 budget missed (p99 over --budget or a change lost), 2 the bench could not run.
import { fork, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serverNode } from '../scripts/server-node.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_PACKAGE = join(ROOT, 'server', 'package.json');
const SERVER_BIN = join(ROOT, 'server', 'dist', 'innovasjonsguide-server.js');
const WORKER = join(ROOT, 'bench', 'collab-worker.mjs');

const DEFAULT_BUDGET_P99_MS = 50;
const RAMP_LIMIT_P99_MS = 250;
const RAMP_INTERVALS_MS = [1000, 500, 250, 125, 60, 30, 15];
/** When the budget step is already past the ramp's limit: its interval times these, slower each step. */
const RAMP_SLOWER = [1.5, 2, 3, 4, 6];
/** After a window, how long changes still on their way may take to arrive before they count as missed. */
const BUDGET_DRAIN_S = 15;
const RAMP_DRAIN_S = 10;

const USAGE = `Usage: npm run bench:collab -- [options]
  --rooms N          rooms (50)
  --clients N        clients per room (10)
  --interval MS      one change per client every MS in the budget step (2000)
  --window S         measured seconds of the budget step (30)
  --warmup S         seconds of changes before the budget step's window (the interval + 2, at most 5)
  --workers N        load-generator processes (4)
  --join S           clients join at random moments over S seconds (15)
  --instances N      server instances sharing Redis and PostgreSQL (1)
  --services WHAT    what the instances use: 'sqlite', 'postgres' or 'redis+postgres'
                     (sqlite for one instance, redis+postgres for several)
  --spread HOW       with several instances: 'room' (each room's clients meet on the room's first
                     instance, as pages order collabUrls) or 'client' (a room's clients alternate) (client)
  --generator KIND   the load generator's clients: 'provider' (a HocuspocusProvider with its own
                     document each, as a page) or 'light' (the same protocol without a document;
                     bench/light-client.mjs) (provider)
  --failover         after the budget step: kill -9 one instance, restart it, restart Redis, under load
  --budget MS        the budget step's p99 limit (50)
  --no-ramp          only the budget step
  --ramp             only the ramp (no budget, exit 0 unless the bench fails)
  --step S           seconds per ramp step, warmup included (15)
  --timeout S        hard limit for the whole run (360)
  --markdown FILE    also write the table to FILE
  --json FILE        also write the results to FILE`;

function parseArgs(argv) {
  const options = { rooms: 50, clients: 10, interval: 2000, window: 30, workers: 4, join: 15, instances: 1, services: undefined, spread: 'client', generator: 'provider', failover: false, budgetMs: DEFAULT_BUDGET_P99_MS, budget: true, ramp: true, step: 15, timeout: 360 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const number = () => {
      const n = Number(value());
      if (!(n > 0)) throw new Error(`${arg} needs a positive number`);
      return n;
    };
    if (arg === '--rooms') options.rooms = Math.floor(number());
    else if (arg === '--clients') options.clients = Math.max(2, Math.floor(number()));
    else if (arg === '--interval') options.interval = number();
    else if (arg === '--window') options.window = number();
    else if (arg === '--warmup') options.warmup = number();
    else if (arg === '--workers') options.workers = Math.floor(number());
    else if (arg === '--join') options.join = number();
    else if (arg === '--instances') options.instances = Math.floor(number());
    else if (arg === '--budget') options.budgetMs = number();
    else if (arg === '--step') options.step = Math.max(5, number());
    else if (arg === '--timeout') options.timeout = number();
    else if (arg === '--services') {
      options.services = value();
      if (!['sqlite', 'postgres', 'redis+postgres'].includes(options.services)) throw new Error('--services is sqlite, postgres or redis+postgres');
    } else if (arg === '--spread') {
      options.spread = value();
      if (!['room', 'client'].includes(options.spread)) throw new Error('--spread is room or client');
    } else if (arg === '--generator') {
      options.generator = value();
      if (!['provider', 'light'].includes(options.generator)) throw new Error('--generator is provider or light');
    } else if (arg === '--failover') options.failover = true;
    else if (arg === '--no-ramp') options.ramp = false;
    else if (arg === '--ramp') options.budget = false;
    else if (arg === '--markdown') options.markdown = value();
    else if (arg === '--json') options.json = value();
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  options.workers = Math.min(options.workers, options.rooms);
  return options;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (text) => process.stderr.write(`${text}\n`);

// ---------------------------------------------------------------------------------------------
// Processes: the servers and the workers, always stopped at the end, on failure and on Ctrl+C.

/** @type {import('node:child_process').ChildProcess[]} */
let servers = [];
let workers = [];
let stopServices = null;
let serviceHandles = null;
let dataDir = null;
let cleaning = null;
let workersStopping = false;

function cleanup() {
  cleaning ??= (async () => {
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    await Promise.all(
      servers.map(async (server) => {
        if (server.exitCode !== null || server.signalCode !== null) return;
        server.kill('SIGTERM');
        const exited = new Promise((resolve) => server.once('exit', resolve));
        if ((await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) === false) server.kill('SIGKILL');
      }),
    );
    await stopServices?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

function finish(code) {
  cleanup().finally(() => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    progress(`\n${signal}: stopping the servers and the load generators.`);
    finish(130);
  });
}

// ---------------------------------------------------------------------------------------------
// /proc readings (Linux): CPU ticks and resident memory of one process.

const TICKS_PER_SECOND = 100; // USER_HZ; 100 on every Linux this runs on (getconf CLK_TCK)

function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  } catch {
    return NaN;
  }
}

function rssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)[1]) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * Seconds the process's main thread (its event loop) was ready to run but waited for a CPU
 * (run_delay in /proc/PID/task/PID/schedstat): high when the machine is overloaded.
 */
function runQueueSeconds(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return NaN;
  }
}

/** A process's CPU seconds with its children's (live ones read directly, exited ones through cutime/cstime). */
function treeCpuSeconds(pid) {
  try {
    const own = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = own.slice(own.lastIndexOf(')') + 2).split(' ');
    let total = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(rest[1]) === pid) total += (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND;
      } catch {
        // gone meanwhile
      }
    }
    return total;
  } catch {
    return NaN;
  }
}

/** Redis's and PostgreSQL's process ids (the postmaster: its backends are its children), when they run. */
const servicePids = { redis: null, postgres: null };

/** CPU use over a span, as % of one core, and main-thread run-queue wait, as % of the span. */
function cpuSampler() {
  const pids = [...servers.map((s) => s.pid), ...workers.map((w) => w.pid)];
  const services = Object.entries(servicePids).filter(([, pid]) => pid);
  const start = { at: now(), cpu: pids.map(cpuSeconds), wait: pids.map(runQueueSeconds), services: services.map(([, pid]) => treeCpuSeconds(pid)) };
  return () => {
    const seconds = (now() - start.at) / 1000;
    const percent = pids.map((pid, i) => ((cpuSeconds(pid) - start.cpu[i]) / seconds) * 100);
    const wait = pids.map((pid, i) => ((runQueueSeconds(pid) - start.wait[i]) / seconds) * 100);
    const n = servers.length;
    const serviceCpu = Object.fromEntries(services.map(([name, pid], i) => [name, ((treeCpuSeconds(pid) - start.services[i]) / seconds) * 100]));
    return { servers: percent.slice(0, n), workers: percent.slice(n), serversWait: wait.slice(0, n), workersWait: wait.slice(n), services: serviceCpu, seconds };
  };
}

/** The pid of the process listening as `redis-server` on `port` (INFO's process_id). */
function redisPid(port) {
  const info = spawnSync('redis-cli', ['-p', String(port), 'info', 'server'], { encoding: 'utf8' }).stdout ?? '';
  return Number(/process_id:(\d+)/.exec(info)?.[1]) || null;
}

/** The postmaster listening on `port`: the process whose command line has `-p PORT` and that runs postgres. */
function postgresPid(port) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (/\/postgres$/.test(args[0]) && args.some((arg, i) => arg === '-p' && args[i + 1] === String(port))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** Redis's counters (INFO stats): commands and bytes in and out, to turn into traffic per change. */
function redisStats(port) {
  const info = spawnSync('redis-cli', ['-p', String(port), 'info', 'stats'], { encoding: 'utf8' }).stdout ?? '';
  const read = (name) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? NaN);
  return { commands: read('total_commands_processed'), inputBytes: read('total_net_input_bytes'), outputBytes: read('total_net_output_bytes') };
}
let redisPort = null;

const serverRss = () => servers.map((s) => rssMiB(s.pid));
const totalOf = (list) => list.reduce((sum, n) => sum + n, 0);

// ---------------------------------------------------------------------------------------------
// Setup

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

async function startServer(secret, maxConnections, env = {}) {
  dataDir ??= mkdtempSync(join(os.tmpdir(), 'innovasjonsguide-bench-collab-'));
  const instanceDir = join(dataDir, String(servers.length));
  mkdirSync(instanceDir, { mode: 0o700 });
  const server = spawn(serverNode(), [...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean), SERVER_BIN], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DATA_DIR: instanceDir, COLLAB_SECRET: secret, MAX_CONNECTIONS_PER_ADDRESS: String(maxConnections), MAX_UNADMITTED_PER_ADDRESS: String(maxConnections), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(server);
  const log = { refusals: [], tail: [], stderr: '', connects: 0, disconnects: 0 };
  const copy = process.env.BENCH_SERVER_LOG ? createWriteStream(servers.length > 1 ? `${process.env.BENCH_SERVER_LOG}.${servers.length}` : process.env.BENCH_SERVER_LOG) : null;
  let partial = '';
  let port = null;
  server.stdout.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      copy?.write(`${line}\n`);
      if (/ refuse /.test(line)) log.refusals.push(line);
      else if (/ connect /.test(line)) log.connects++;
      else if (/ disconnect /.test(line)) log.disconnects++;
      if (port === null) port = Number(/ listen .*url=http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1] ?? NaN) || null;
      log.tail = [...log.tail.slice(-19), line];
    }
  });
  server.stderr.on('data', (chunk) => {
    copy?.write(chunk);
    log.stderr = (log.stderr + chunk).slice(-4000);
  });
  const deadline = now() + 30_000;
  while (port === null) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}: ${log.stderr}`);
    if (now() > deadline) throw new Error('the server did not start listening within 30 s');
    await sleep(20);
  }
  return { url: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}`, log, pid: server.pid };
}

async function mintTokens(secret, options) {
  // jose lives in the server package (the root package does not need it).
  const require = createRequire(SERVER_PACKAGE);
  const { SignJWT } = await import(pathToFileURL(require.resolve('jose')).href);
  const key = new TextEncoder().encode(secret);
  const rooms = [];
  for (let r = 0; r < options.rooms; r++) {
    const room = `bench-${String(r + 1).padStart(3, '0')}`;
    const clients = [];
    for (let c = 0; c < options.clients; c++) {
      const sub = `u-${r + 1}-${c + 1}`;
      const name = `Deltaker ${c + 1}`;
      const token = await new SignJWT({ room, name, sub }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('2h').sign(key);
      clients.push({ token, name, sub });
    }
    rooms.push({ name: room, clients });
  }
  return rooms;
}

function startWorkers(count) {
  workers = Array.from({ length: count }, () =>
    fork(WORKER, [], { execArgv: (process.env.BENCH_WORKER_FLAGS ?? '').split(' ').filter(Boolean), serialization: 'advanced', env: { ...process.env, BENCH_SERVER_PACKAGE: SERVER_PACKAGE }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  for (const worker of workers) {
    worker.on('message', (message) => {
      if (message.type === 'fatal' && !workersStopping) {
        progress(`A load generator failed: ${message.message}`);
        finish(2);
      }
    });
    worker.on('exit', (code, signal) => {
      if (!cleaning && !workersStopping) {
        progress(`A load generator exited unexpectedly (${code ?? signal}).`);
        finish(2);
      }
    });
  }
}

/** Lets the workers close their providers and exit; cleanup() kills any that do not. */
async function stopWorkers() {
  workersStopping = true;
  await Promise.all(
    workers.map((worker) => {
      if (worker.exitCode !== null || worker.signalCode !== null) return undefined;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.send({ type: 'stop' });
      return Promise.race([exited, sleep(5000)]);
    }),
  );
}

/** Sends every worker a message and waits for one answer of `type` from each. */
function ask(message, type) {
  return Promise.all(
    workers.map(
      (worker, i) =>
        new Promise((resolve) => {
          const listener = (answer) => {
            if (answer.type !== type) return;
            worker.off('message', listener);
            resolve(answer);
          };
          worker.on('message', listener);
          worker.send(typeof message === 'function' ? message(i) : message);
        }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// One measured step

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runStep({ name, interval, warmup, window, drain, options }) {
  const startAt = now() + 300;
  const measureFrom = startAt + warmup * 1000;
  const measureTo = measureFrom + window * 1000;
  let cpu = null;
  let rss = [];
  // CPU over the measured window only (warmup and drain left out).
  let redisTraffic = null;
  const sampling = (async () => {
    await sleep(measureFrom - now());
    const sample = cpuSampler();
    const redisBefore = redisPort ? redisStats(redisPort) : null;
    await sleep(measureTo - now());
    cpu = sample();
    rss = serverRss();
    if (redisBefore) {
      const after = redisStats(redisPort);
      redisTraffic = { commands: after.commands - redisBefore.commands, inputBytes: after.inputBytes - redisBefore.inputBytes, outputBytes: after.outputBytes - redisBefore.outputBytes };
    }
  })();
  const results = await ask({ type: 'step', interval, startAt, measureFrom, measureTo, drainMs: drain * 1000 }, 'result');
  await sampling;
  const total = results.reduce((sum, r) => sum + r.latencies.length, 0);
  const latencies = new Float64Array(total);
  let offset = 0;
  for (const r of results) {
    latencies.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  latencies.sort();
  const sum = (key) => results.reduce((s, r) => s + r[key], 0);
  const clients = options.rooms * options.clients;
  const kinds = {};
  for (const r of results) for (const [kind, n] of Object.entries(r.kinds)) kinds[kind] = (kinds[kind] ?? 0) + n;
  const step = {
    name,
    rooms: options.rooms,
    clients,
    interval,
    window,
    targetRate: (clients * 1000) / interval,
    sent: sum('sent'),
    kinds,
    expected: sum('expected'),
    received: sum('received'),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    serverCpu: totalOf(cpu.servers),
    /** CPU seconds of all instances together over the window. */
    serverCpuSeconds: (totalOf(cpu.servers) / 100) * cpu.seconds,
    servicesCpu: cpu.services,
    redisTraffic,
    serverCpus: cpu.servers,
    serverRssMiB: totalOf(rss),
    serverRssList: rss,
    serverRunQueueWait: Math.max(...cpu.serversWait),
    generatorMaxRunQueueWait: Math.max(...cpu.workersWait),
    generatorCpu: cpu.workers.reduce((s, c) => s + c, 0),
    generatorMaxWorkerCpu: Math.max(...cpu.workers),
    generatorLoopDelayP99: Math.max(...results.map((r) => r.loopDelayP99)),
    disconnects: sum('disconnects'),
    load: os.loadavg()[0],
  };
  step.rate = step.sent / window;
  step.missed = step.expected - step.received;
  // The generator is the limit when it cannot send at the asked rate or a worker uses a whole core.
  step.generatorSaturated = [];
  if (step.rate < 0.9 * step.targetRate) step.generatorSaturated.push(`sent ${fmt(step.rate)}/s of ${fmt(step.targetRate)}/s asked`);
  if (step.generatorMaxWorkerCpu >= 90) step.generatorSaturated.push(`a generator process used ${fmt(step.generatorMaxWorkerCpu)} % of a core`);
  step.machineBusy = step.serverCpu + step.generatorCpu >= 90 * os.cpus().length;
  // A server that waits for a CPU much of the time measures the machine's other load, not itself.
  step.serverStarved = step.serverRunQueueWait >= 20;
  progress(
    `  ${name}: ${fmt(step.rate)} changes/s, received ${step.received}/${step.expected}, p50 ${ms(step.p50)}, p99 ${ms(step.p99)}, ` +
      `server ${perInstance(step.serverCpus)} % CPU (waited for a CPU ${fmt(step.serverRunQueueWait)} %) ${perInstance(step.serverRssList)} MiB, generator ${fmt(step.generatorCpu)} % CPU (max ${fmt(step.generatorMaxWorkerCpu)} %)`,
  );
  return step;
}

// ---------------------------------------------------------------------------------------------
// Report

function fmt(n, digits = 0) {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';
}
const ms = (n) => (Number.isFinite(n) ? `${fmt(n, n < 10 ? 1 : 0)} ms` : '–');
/** One figure per instance: `19` or `12 + 13`. */
const perInstance = (list, digits = 0) => list.map((n) => fmt(n, digits)).join(' + ');

function table(steps) {
  const rows = steps.map(
    (s) =>
      `| ${s.name} | ${s.rooms} × ${s.clients / s.rooms} | ${fmt(s.interval)} ms | ${fmt(s.rate)} | ${fmt(s.received)} / ${fmt(s.expected)} | ${ms(s.p50)} | ${ms(s.p99)} | ${perInstance(s.serverCpus)} % | ${fmt(s.serverRunQueueWait)} % | ${perInstance(s.serverRssList)} MiB | ${fmt(s.generatorCpu)} % |`,
  );
  return [
    '| step | rooms × clients | each client every | changes/s | received / expected | p50 | p99 | server CPU | server waited for a CPU | server RSS | generator CPU |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(options) {
  const info = { ...machine(), loadStart: os.loadavg() };
  const clients = options.rooms * options.clients;
  progress(
    `Live collaboration benchmark: ${options.rooms} rooms × ${options.clients} clients, ${options.instances === 1 ? 'one server' : `${options.instances} server instances`} (${options.services ?? (options.instances > 1 ? 'redis+postgres' : 'sqlite')}), ${options.workers} load-generator processes.`,
  );
  progress('Making sure the server is installed and built…');
  // Not execFileSync: after it, a SIGTERM killed this process without running the handler below (strace showed Node's default re-raise), leaving the server and workers behind.
  const ensure = spawn(process.execPath, [join(ROOT, 'scripts', 'ensure-collab-server.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const ensured = await new Promise((resolve) => ensure.once('exit', resolve));
  if (ensured !== 0) throw new Error(`scripts/ensure-collab-server.mjs failed (${ensured})`);

  const secret = randomBytes(48).toString('base64');
  let env = {};
  options.services ??= options.instances > 1 ? 'redis+postgres' : 'sqlite';
  if (options.instances > 1 && options.services !== 'redis+postgres') throw new Error('several instances need --services redis+postgres');
  if (options.services !== 'sqlite') {
    // Debian's Redis and PostgreSQL on free loopback ports, as the server's tests start them (installed when missing, as root).
    const services = await import(pathToFileURL(join(ROOT, 'server', 'test', 'services.mjs')).href);
    stopServices = services.stopServices;
    const postgres = await services.startPostgres();
    env = { DATABASE_URL: postgres.url };
    servicePids.postgres = postgresPid(postgres.port);
    serviceHandles = { postgres };
    info.services = 'PostgreSQL (Debian package) on loopback';
    if (options.services === 'redis+postgres') {
      const redis = await services.startRedis();
      env.REDIS_URL = redis.url;
      redisPort = redis.port;
      servicePids.redis = redisPid(redis.port);
      serviceHandles.redis = redis;
      info.services = 'Redis and PostgreSQL (Debian packages) on loopback';
    }
  }
  const started = [];
  for (let i = 0; i < options.instances; i++) started.push(await startServer(secret, clients + 100, env));
  const urls = started.map((s) => s.url);
  const logs = started.map((s) => s.log);
  await sleep(1000);
  const idleRss = serverRss();
  const idleRssMiB = totalOf(idleRss);
  progress(`Server${started.length > 1 ? 's' : ''} ${started.map((s) => `pid ${s.pid} at ${s.url}`).join(', ')}, idle RSS ${perInstance(idleRss, 1)} MiB. Connecting ${clients} clients…`);

  const rooms = await mintTokens(secret, options);
  startWorkers(options.workers);
  const connectStart = now();
  const ready = await ask((i) => ({ type: 'setup', urls, spread: options.spread, generator: options.generator, joinMs: options.join * 1000, rooms: rooms.filter((_, r) => r % options.workers === i) }), 'ready');
  if (!ready.every((r) => r.ok)) throw new Error(`only ${ready.reduce((s, r) => s + r.synced, 0)} of ${clients} clients synced within 60 s`);
  const connectSeconds = (now() - connectStart) / 1000;
  const syncedAfterLastJoinSeconds = Math.max(...ready.map((r) => r.afterLastJoinMs)) / 1000;
  const connectedRss = serverRss();
  const connectedRssMiB = totalOf(connectedRss);
  progress(`All ${clients} clients joined over ${fmt(options.join)} s and synced ${ms(syncedAfterLastJoinSeconds * 1000)} after the last join (server RSS ${perInstance(connectedRss, 1)} MiB).`);

  const steps = [];
  let budget = null;
  if (options.budget) {
    progress(`Budget step: one change per client every ${options.interval} ms, ${options.window} s measured…`);
    const step = await runStep({ name: 'budget', interval: options.interval, warmup: options.warmup ?? Math.min(5, options.interval / 1000 + 2), window: options.window, drain: BUDGET_DRAIN_S, options });
    steps.push(step);
    budget = {
      step,
      perRoomMiB: (step.serverRssMiB - idleRssMiB) / options.rooms,
      met: step.p99 <= options.budgetMs && step.missed === 0 && step.sent > 0,
    };
  }

  let ramp = null;
  if (options.ramp) {
    const warmup = Math.min(3, options.step / 5);
    const rampStep = (interval) => runStep({ name: `ramp ${interval} ms`, interval, warmup, window: options.step - warmup, drain: RAMP_DRAIN_S, options });
    if (budget && budget.step.p99 > RAMP_LIMIT_P99_MS) {
      // Already past the limit at the budget's rate: slower, until p99 is back under it.
      progress(`Ramp: ${options.step} s steps, slower until p99 is under ${RAMP_LIMIT_P99_MS} ms…`);
      ramp = { steps: [], stop: `even the slowest step stayed over ${RAMP_LIMIT_P99_MS} ms` };
      for (const factor of RAMP_SLOWER) {
        const step = await rampStep(Math.round(options.interval * factor));
        steps.push(step);
        ramp.steps.push(step);
        if (step.p99 <= RAMP_LIMIT_P99_MS) {
          ramp.stop = `p99 came under ${RAMP_LIMIT_P99_MS} ms`;
          break;
        }
      }
      ramp.lastUnder = ramp.steps.find((s) => s.p99 <= RAMP_LIMIT_P99_MS) ?? null;
      ramp.firstOver = [budget.step, ...ramp.steps].filter((s) => s.p99 > RAMP_LIMIT_P99_MS).at(-1) ?? null;
    } else {
      progress(`Ramp: ${options.step} s steps, faster until p99 passes ${RAMP_LIMIT_P99_MS} ms…`);
      ramp = { steps: [], stop: `the fastest step (${RAMP_INTERVALS_MS.at(-1)} ms) stayed under ${RAMP_LIMIT_P99_MS} ms` };
      for (const interval of RAMP_INTERVALS_MS.filter((i) => i < options.interval || !options.budget)) {
        const step = await rampStep(interval);
        steps.push(step);
        ramp.steps.push(step);
        if (step.p99 > RAMP_LIMIT_P99_MS) {
          ramp.stop = `p99 passed ${RAMP_LIMIT_P99_MS} ms`;
          break;
        }
        if (step.generatorSaturated.length) {
          ramp.stop = `the load generator saturated (${step.generatorSaturated.join('; ')})`;
          break;
        }
      }
      const passing = ramp.steps.filter((s) => s.p99 <= RAMP_LIMIT_P99_MS);
      ramp.lastUnder = passing.at(-1) ?? null;
      ramp.firstOver = ramp.steps.find((s) => s.p99 > RAMP_LIMIT_P99_MS) ?? null;
    }
  }

  let failover = null;
  if (options.failover && options.instances > 1) failover = await runFailover({ options, secret, env, started });

  info.loadEnd = os.loadavg();
  await stopWorkers();
  const output = report({ options, info, idleRssMiB, connectedRssMiB, syncedAfterLastJoinSeconds, steps, budget, ramp, failover, refusals: logs.flatMap((l) => l.refusals) });
  console.log(output);
  if (options.markdown) writeFileSync(options.markdown, `${output}\n`);
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ options, machine: info, idleRssMiB, connectedRssMiB, connectSeconds, syncedAfterLastJoinSeconds, steps, budget, ramp, failover, refusals: logs.flatMap((l) => l.refusals) }, null, 2)}\n`);
  }
  return (budget && !budget.met) || (failover && !failover.met) ? 1 : 0;
}

/** Sends every worker `message` and collects one answer of `type` from each, summed where numbers. */
async function statusOf(message) {
  const answers = await ask({ type: 'status', ...message }, 'status');
  const where = {};
  for (const a of answers) for (const [url, n] of Object.entries(a.where)) where[url] = (where[url] ?? 0) + n;
  return {
    affected: answers.reduce((s, a) => s + a.affected, 0),
    back: answers.reduce((s, a) => s + a.back, 0),
    lastBackAt: Math.max(...answers.map((a) => a.lastBackAt)),
    split: answers.reduce((s, a) => s + a.split, 0),
    connected: answers.reduce((s, a) => s + a.connected, 0),
    where,
    refusals: answers.reduce((all, a) => {
      for (const [reason, n] of Object.entries(a.refusals)) all[reason] = (all[reason] ?? 0) + n;
      return all;
    }, {}),
  };
}

async function converged(timeoutMs) {
  const answers = await ask({ type: 'converge', timeoutMs }, 'converged');
  return {
    ok: answers.every((a) => a.ok),
    ms: Math.max(...answers.map((a) => a.ms)),
    rooms: answers.reduce((s, a) => s + a.rooms, 0),
    convergedRooms: answers.reduce((s, a) => s + a.convergedRooms, 0),
    clients: answers.reduce((s, a) => s + a.clients, 0),
    changes: answers.reduce((s, a) => s + a.changes, 0),
  };
}

/** Within this long of a kill -9, every client of the killed instance is synced again on another. */
const FAILOVER_BUDGET_MS = 10_000;

/**
 * The separate phase: clients keep changing at the budget's rate while (1) the first instance is
 * killed with -9 (how long until its clients are synced on another), (2) it is started again on its
 * port and one new client joins each room (new joins go to the room's first address; the moved
 * clients stay where they are, so rooms are split until those reconnect), (3) Redis is restarted.
 * Then the changes stop and every room must converge: each client holding every change.
 */
async function runFailover({ options, secret, env, started }) {
  const result = { budgetMs: FAILOVER_BUDGET_MS };
  const killed = started[0];
  const maxConnections = options.rooms * options.clients + 100;
  progress('Failover phase: changes go on at the budget step\'s rate…');
  await ask({ type: 'churnStart', interval: options.interval }, 'churning');
  await sleep(5000);
  const before = await statusOf({ killed: killed.url, since: now(), mark: true });
  const killedAt = now();
  servers[0].kill('SIGKILL');
  progress(`  kill -9 of the instance at ${killed.url} (${before.affected} clients on it)…`);
  let status = before;
  while (now() - killedAt < 60_000) {
    await sleep(200);
    status = await statusOf({ killed: killed.url, since: killedAt });
    if (status.back >= status.affected) break;
  }
  result.kill = { affected: before.affected, back: status.back, backMs: status.back >= status.affected ? status.lastBackAt - killedAt : NaN };
  result.kill.met = result.kill.back === result.kill.affected && result.kill.backMs <= FAILOVER_BUDGET_MS;
  progress(`  ${status.back} of ${before.affected} clients synced again on the other instance ${ms(result.kill.backMs)} after the kill.`);

  // Back on its own port, so the clients' address lists still name it.
  const port = new URL(killed.url).port;
  const restartedAt = now();
  const restarted = await startServer(secret, maxConnections, { ...env, PORT: port });
  servers[0] = servers.pop();
  progress(`  restarted on port ${port} in ${ms(now() - restartedAt)}; one new client joins each room…`);
  await ask({ type: 'joinOne' }, 'joined');
  await sleep(5000);
  const split = await statusOf({ killed: killed.url, since: killedAt });
  result.restart = { split: split.split, rooms: options.rooms, where: split.where, pid: restarted.pid };
  progress(`  ${split.split} of ${options.rooms} rooms split over both instances (clients per instance: ${Object.values(split.where).join(' + ')}).`);

  progress('  Redis restarted…');
  const redisAt = now();
  await serviceHandles.redis.stop();
  await serviceHandles.redis.start();
  servicePids.redis = redisPid(serviceHandles.redis.port);
  result.redis = { restartMs: now() - redisAt };
  await sleep(5000);
  await ask({ type: 'churnStop' }, 'calm');
  const after = await converged(30_000);
  result.converged = after;
  progress(`  Changes stopped: ${after.convergedRooms} of ${after.rooms} rooms converged (${after.clients} clients, ${after.changes} changes in all) within ${ms(after.ms)}.`);
  const final = await statusOf({ killed: killed.url, since: killedAt });
  result.splitAtEnd = final.split;
  result.refusals = final.refusals;
  if (Object.keys(final.refusals).length) progress(`  Clients closed by the server meanwhile: ${Object.entries(final.refusals).map(([reason, n]) => `${reason} × ${n}`).join(', ')}.`);
  // 'out-of-order' is no refusal: the client connected again and its sync put the change in order.
  result.met = result.kill.met && after.ok && Object.keys(final.refusals).every((reason) => reason === 'out-of-order');
  return result;
}

function report({ options, info, idleRssMiB, connectedRssMiB, syncedAfterLastJoinSeconds, steps, budget, ramp, failover, refusals }) {
  const load = (l) => l.map((n) => n.toFixed(2)).join(' ');
  const lines = [
    '## Live collaboration benchmark',
    '',
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}, ${info.os}; ` +
      `load average ${load(info.loadStart)} at the start, ${load(info.loadEnd)} at the end. ` +
      `${options.instances === 1 ? `One server${info.services ? ` on ${info.services}` : ''}` : `${options.instances} server instances sharing ${info.services}`}, ${options.workers} load-generator processes, all on the same machine.`,
    '',
    table(steps),
    '',
    `Server memory${options.instances > 1 ? ' (all instances together)' : ''}: ${fmt(idleRssMiB, 1)} MiB idle, ${fmt(connectedRssMiB, 1)} MiB with ${options.rooms * options.clients} clients connected (they joined at random moments over ${fmt(options.join)} s; all synced ${ms(syncedAfterLastJoinSeconds * 1000)} after the last join).`,
  ];
  if (budget) {
    const s = budget.step;
    lines.push(
      `Budget step: ${s.clients} clients in ${s.rooms} rooms, each a change every ${fmt(s.interval)} ms (${Object.entries(s.kinds).map(([k, n]) => `${n} ${k}`).join(', ')}): ` +
        `${fmt(s.sent)} changes sent in ${s.window} s (${fmt(s.rate)}/s, ${fmt(s.expected / s.window)} deliveries/s), ${fmt(s.received)} of ${fmt(s.expected)} deliveries arrived, ${fmt(s.missed)} missed (not there ${BUDGET_DRAIN_S} s after the window); ` +
        `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}. ${options.instances > 1 ? `Servers ${perInstance(s.serverCpus)} % of a core (${fmt(s.serverCpu)} % together)` : `Server ${fmt(s.serverCpu)} % of a core`}, RSS ${fmt(s.serverRssMiB, 1)} MiB ` +
        `(${fmt(budget.perRoomMiB * 1024)} KiB per room over idle, connections included). Load generator ${fmt(s.generatorCpu)} % of a core in all ` +
        `(busiest process ${fmt(s.generatorMaxWorkerCpu)} %, event-loop delay p99 ${ms(s.generatorLoopDelayP99)}).`,
      '',
      budget.met
        ? `**Budget met**: p99 ${ms(s.p99)} ≤ ${fmt(options.budgetMs)} ms, nothing lost.`
        : `**Budget missed**: p99 ${ms(s.p99)} (budget ${fmt(options.budgetMs)} ms), ${fmt(s.missed)} deliveries missed.`,
    );
    if (s.serverStarved) {
      lines.push(
        '',
        `**The machine was overloaded**: the server's event loop was ready to run but waited for a CPU ${fmt(s.serverRunQueueWait)} % of the window ` +
          `(load average ${info.loadStart[0].toFixed(1)} on ${info.cores} cores at the start), while it used only ${fmt(s.serverCpu)} % of a core. ` +
          'These latencies measure the other load on the machine; run again when it is quiet.',
      );
    }
  }
  if (ramp) {
    const under = ramp.lastUnder;
    const over = ramp.firstOver;
    let text = `Ramp: stopped because ${ramp.stop}.`;
    if (under) text += ` Last step with p99 ≤ ${RAMP_LIMIT_P99_MS} ms: ${fmt(under.rate)} changes/s (p50 ${ms(under.p50)}, p99 ${ms(under.p99)}).`;
    if (over) text += ` p99 passed ${RAMP_LIMIT_P99_MS} ms at ${fmt(over.rate)} changes/s (p50 ${ms(over.p50)}, p99 ${ms(over.p99)}${over.missed > 0 ? `, ${fmt(over.missed)} deliveries missed` : ''})` +
        (over.serverStarved ? `; the server waited for a CPU ${fmt(over.serverRunQueueWait)} % of that step, so there the machine was the limit.` : '.');
    const busy = ramp.steps.filter((s) => s.machineBusy);
    if (busy.length) text += ` From ${fmt(busy[0].rate)} changes/s the server and the generator together used the machine's ${info.cores} cores, so the server shares CPU with its load.`;
    lines.push('', text);
  }
  if (failover) {
    const k = failover.kill;
    const c = failover.converged;
    lines.push(
      '',
      `Failover phase (changes going on at the budget step's rate): kill -9 of one instance; ${fmt(k.back)} of ${fmt(k.affected)} of its clients synced again on the other within ${ms(k.backMs)} (budget ${fmt(failover.budgetMs)} ms). ` +
        `Restarted on its port; one new client joined each room and went to the room's first instance: ${fmt(failover.restart.split)} of ${fmt(failover.restart.rooms)} rooms were then split over both instances (still ${fmt(failover.splitAtEnd)} at the end: the moved clients stay until they reconnect). ` +
        `Redis restarted (${ms(failover.redis.restartMs)}). Afterwards ${fmt(c.convergedRooms)} of ${fmt(c.rooms)} rooms converged within ${ms(c.ms)}: every one of ${fmt(c.clients)} clients held every change of its room (${fmt(c.changes)} changes in all).`,
      '',
      ...(Object.keys(failover.refusals).length
        ? ['', `Closed by the server during the phase: ${Object.entries(failover.refusals).map(([reason, n]) => `\`${reason}\` × ${n}`).join(', ')}${failover.refusals['out-of-order'] ? ' (`out-of-order`: a change that came before the sync bringing what it builds on; the client connected again to the same instance and synced, nothing refused)' : ''}.`]
        : []),
      '',
      failover.met ? '**Failover met**: back within the budget, nothing lost.' : '**Failover missed**.',
    );
  }
  if (refusals.length) lines.push('', `The server refused ${refusals.length} times, e.g. \`${refusals[0]}\`.`);
  return lines.join('\n');
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  progress(error.message);
  process.exit(2);
}
const hardLimit = setTimeout(() => {
  progress(`The benchmark hit its overall time limit (--timeout ${options.timeout}); stopping.`);
  finish(2);
}, options.timeout * 1000);
hardLimit.unref();

main(options).then(
  (code) => finish(code),
  (error) => {
    progress(`The benchmark could not run: ${error.stack ?? error.message}`);
    finish(2);
  },
);
