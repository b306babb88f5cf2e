// docs/drift.md's "Install on Debian 12", run as written, as root: Node 24 from the npm registry
// into /opt/node-24, the server's tarball into /opt/innovasjonsguide-server, the settings, the
// shipped systemd unit (systemd-analyze verify, then started, reloaded, restarted), the rooms
// commands' wrapper, and the upgrade. It runs in a private mount namespace whose /opt, /etc,
// /var/lib, /var/backups and /usr/local/sbin are throwaway copies, so the documented paths are
// used as they are and the machine is left as it was. systemd is not PID 1 here: fake-systemctl.mjs
// plays its part from the unit file (ExecStart= and ExecReload= as written).
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import * as Y from 'yjs';
import { DRIFT, REPO, parseUnit, snippet, substitute } from '../doc-snippets.mjs';
import { addNote, connect, noteText, waitFor } from '../helpers.mjs';
import { freePort } from '../services.mjs';

const SERVER = join(REPO, 'server');
const UNIT = join(SERVER, 'deploy', 'innovasjonsguide-server.service');
const VERSION = JSON.parse(readFileSync(join(SERVER, 'package.json'), 'utf8')).version;
const isRoot = process.getuid?.() === 0;
const hasUnshare = isRoot && spawnSync('unshare', ['--mount', 'true']).status === 0;

let root; // the throwaway copies, bound over the real paths inside the namespace
let holder; // the process that keeps the namespace
let port;
const timings = {};
const groups = new Set(); // process groups of blocks still running

/** Ends everything the test started, synchronously (also from a signal, when the runner times out). */
function cleanup() {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {}
  }
  const pidFile = root && join(root, 'systemd', 'innovasjonsguide-server.pid');
  if (pidFile && existsSync(pidFile)) {
    try {
      process.kill(mainPid(), 'SIGKILL');
    } catch {}
  }
  if (holder && holder.exitCode === null) holder.kill('SIGKILL');
}
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    cleanup();
    if (root) rmSync(root, { recursive: true, force: true });
    process.exit(1);
  });
}

/** Runs `script` with `sh -e` inside the namespace, in the working directory with the tarball. */
function inNamespace(script, { cwd = join(root, 'work') } = {}) {
  return new Promise((resolve) => {
    const child = spawn('nsenter', [`--mount=/proc/${holder.pid}/ns/mnt`, `--wd=${cwd}`, '--', 'sh', '-ec', script], {
      cwd,
      env: {
        // The operator's shell: this machine's environment (its CA certificates for the registry),
        // without what npm test adds, and root's PATH with systemctl played by the test.
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|NODE_OPTIONS$|NODE_TEST)/i.test(name))),
        PATH: `${join(root, 'fakebin')}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
        LANG: 'C.UTF-8',
        FAKE_SYSTEMD_STATE: join(root, 'systemd'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a cleanup after a timeout ends all it started
    });
    groups.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => {
      groups.delete(child.pid);
      resolve({ code, stdout, stderr });
    });
  });
}

async function runBlock(name, replacements = []) {
  const started = Date.now();
  const result = await inNamespace(substitute(snippet(name), replacements));
  timings[name] = Date.now() - started;
  assert.equal(result.code, 0, `block ${name} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

const journal = () => (existsSync(join(root, 'systemd', 'innovasjonsguide-server.journal')) ? readFileSync(join(root, 'systemd', 'innovasjonsguide-server.journal'), 'utf8') : '');
const mainPid = () => Number(readFileSync(join(root, 'systemd', 'innovasjonsguide-server.pid'), 'utf8'));
const alive = (pid) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
const portSubstitutions = () => [['http://127.0.0.1:1234/health', `http://127.0.0.1:${port}/health`]];

function tenantToken(key, kid, room) {
  return new SignJWT({ room, name: 'Kari' }).setProtectedHeader({ alg: 'HS256', kid }).setAudience('bergen').setExpirationTime('1h').sign(new TextEncoder().encode(key));
}

/** Opens `room` with `jwt`: 'opened', or the refusal's reason. Leaves an opened client connected. */
async function opens(room, jwt, doc = new Y.Doc()) {
  const client = connect({ url: `ws://127.0.0.1:${port}` }, { room, token: jwt, doc });
  const outcome = await waitFor(() => (client.synced && 'opened') || client.failures[0], { what: `${room} to open or be refused` });
  if (outcome !== 'opened') client.destroy();
  return { outcome, client };
}

describe('docs/drift.md: install on Debian 12, as written', { skip: !hasUnshare && 'needs root and unshare --mount' }, () => {
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'innovasjonsguide-install-'));
    for (const dir of ['opt', 'var-lib', 'var-backups', 'usr-local-sbin', 'work', 'systemd', 'fakebin']) mkdirSync(join(root, dir), { mode: 0o755 });
    for (const dir of ['opt', 'var-lib', 'var-backups', 'usr-local-sbin']) chmodSync(join(root, dir), 0o755);
    execFileSync('cp', ['-a', '/etc', join(root, 'etc')]);
    writeFileSync(join(root, 'fakebin', 'systemctl'), `#!/bin/sh\nexec ${process.execPath} ${join(SERVER, 'test', 'fake-systemctl.mjs')} "$@"\n`, { mode: 0o755 });
    // The release tarball (npm pack in server/ makes the same file as the release).
    execFileSync('npm', ['pack', '--silent', '--pack-destination', join(root, 'work')], { cwd: SERVER, stdio: ['ignore', 'ignore', 'inherit'] });
    port = await freePort();
    const binds = [['opt', '/opt'], ['etc', '/etc'], ['var-lib', '/var/lib'], ['var-backups', '/var/backups'], ['usr-local-sbin', '/usr/local/sbin']]
      .map(([from, to]) => `mount --bind ${join(root, from)} ${to}`)
      .join(' && ');
    holder = spawn('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', `${binds} && echo ready && exec sleep 3600`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    holder.stdout.on('data', (chunk) => (out += chunk));
    await waitFor(() => out.includes('ready') || holder.exitCode !== null, { what: 'the mount namespace' });
    assert.ok(out.includes('ready'), 'the mount namespace could not be set up');
  });

  after(async () => {
    // Whatever ran: the blocks, the server (a process of the namespace), the namespace, the copies.
    const server = root && existsSync(join(root, 'systemd', 'innovasjonsguide-server.pid')) ? mainPid() : 0;
    cleanup();
    if (server) await waitFor(() => !alive(server), { what: 'the server to die' });
    if (holder && holder.exitCode === null && holder.signalCode === null) await new Promise((resolve) => holder.once('exit', resolve));
    if (root) rmSync(root, { recursive: true, force: true });
    process.stderr.write(`install.test timings (ms): ${JSON.stringify(timings)}\n`);
  });

  it('1. Node 24 and npm from the npm registry, into /opt/node-24', async () => {
    const { stdout } = await runBlock('node');
    assert.match(stdout, /^v24\.\d+\.\d+$/m);
    assert.match(stdout, /^11\.\d+\.\d+$/m);
    assert.ok(existsSync(join(root, 'opt', 'node-24', 'include', 'node', 'node_api.h')), 'the headers for native modules are there');
  });

  it('2. the server from its tarball into /opt/innovasjonsguide-server, by npm on Node 24', async () => {
    const { stdout, stderr } = await runBlock('server', [['VERSION=0.1.0', `VERSION=${VERSION}`]]);
    const installed = join(root, 'opt', 'innovasjonsguide-server', 'node_modules', 'innovasjonsguide-server');
    assert.ok(existsSync(join(installed, 'dist', 'innovasjonsguide-server.js')));
    assert.doesNotMatch(`${stdout}${stderr}`, /EBADENGINE/);
    const natives = execFileSync('find', [join(root, 'opt', 'innovasjonsguide-server', 'node_modules'), '-name', '*.node', '-path', '*/Release/*', '-not', '-path', '*/obj.target/*'], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map((file) => file.slice(root.length));
    process.stderr.write(`install.test: native modules in the installed server: ${natives.length ? natives.join(', ') : 'none'}\n`);
    // Until the tarball packs deploy/ (another change), the unit is placed where the tarball will have it.
    if (!existsSync(join(installed, 'deploy', 'innovasjonsguide-server.service'))) {
      process.stderr.write('install.test: the tarball has no deploy/ yet; placing server/deploy/ there for the next steps\n');
      execFileSync('cp', ['-r', join(SERVER, 'deploy'), join(installed, 'deploy')]);
    }
  });

  it('3. the settings (and the tenants\' keys) in /etc/innovasjonsguide, readable by the service\'s group only', async () => {
    await runBlock('settings', [['PORT=1234', `PORT=${port}`]]);
    await runBlock('tenants');
    const group = readFileSync(join(root, 'etc', 'group'), 'utf8').split('\n').find((line) => line.startsWith('innovasjonsguide:'));
    const gid = Number(group.split(':')[2]);
    for (const file of ['server.env', 'tenants.json']) {
      const stat = statSync(join(root, 'etc', 'innovasjonsguide', file));
      assert.equal(stat.mode & 0o777, 0o640, file);
      assert.deepEqual([stat.uid, stat.gid], [0, gid], file);
    }
    assert.match(readFileSync(join(root, 'etc', 'innovasjonsguide', 'server.env'), 'utf8'), /^COLLAB_SECRET=[0-9a-f]{64}$/m);
  });

  it('4. the shipped unit passes systemd-analyze verify, starts as written and answers /health', async () => {
    const shipped = readFileSync(UNIT, 'utf8');
    const { stdout, stderr } = await runBlock('unit', portSubstitutions());
    assert.equal(readFileSync(join(root, 'etc', 'systemd', 'system', 'innovasjonsguide-server.service'), 'utf8'), shipped);
    // systemd-analyze verify prints its findings on stderr, naming the unit (curl's retries may print too).
    assert.doesNotMatch(stderr, /\.service|Unit|Command/, 'systemd-analyze verify says nothing');
    assert.match(stdout, /\{"status":"ok","rooms":0,"connections":0\}/);
    const service = parseUnit(shipped).Service;
    const pid = mainPid();
    // The unit's main process is node running the server's file: what ExecStart says, nothing between.
    assert.equal(readlinkSync(`/proc/${pid}/exe`), '/opt/node-24/bin/node');
    assert.equal(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' '), service.ExecStart);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    assert.match(status, /^Umask:\s+0077$/m);
    const passwd = readFileSync(join(root, 'etc', 'passwd'), 'utf8').split('\n').find((line) => line.startsWith('innovasjonsguide:'));
    assert.match(status, new RegExp(`^Uid:\\s+${passwd.split(':')[2]}\\s`, 'm'));
    assert.match(journal(), / listen .*mode=tenants tenants=1 storage=sqlite data=\/var\/lib\/innovasjonsguide/);
    assert.equal(statSync(join(root, 'var-lib', 'innovasjonsguide')).mode & 0o777, 0o700);
    // The unit's exposure as systemd rates it, for the record.
    const security = await inNamespace('systemd-analyze security --offline=yes /etc/systemd/system/innovasjonsguide-server.service 2>&1 | tail -n 1');
    process.stderr.write(`install.test: systemd-analyze security: ${security.stdout.trim()}\n`);
  });

  it('5. reload: a key added to tenants.json opens rooms after `systemctl reload`, same process, rooms kept', async () => {
    const file = join(root, 'etc', 'innovasjonsguide', 'tenants.json');
    const tenants = JSON.parse(readFileSync(file, 'utf8'));
    const [[oldKid, oldKey]] = Object.entries(tenants.tenants.bergen.keys);
    const before = mainPid();
    const writer = await opens('bergen.verksted', await tenantToken(oldKey, oldKid, 'verksted'));
    assert.equal(writer.outcome, 'opened');
    addNote(writer.client.doc, 'n1', 'Før nøkkelbyttet');
    await writer.client.waitSynced();

    const newKey = 'bergen-key-2026-12-long-enough-for-hs256-0000000';
    tenants.tenants.bergen.keys['2026-12'] = newKey;
    writeFileSync(file, JSON.stringify(tenants)); // the operator edits the file in place (it keeps its mode)
    assert.equal((await opens('bergen.verksted', await tenantToken(newKey, '2026-12', 'verksted'))).outcome, 'token-invalid');

    await runBlock('reload');
    await waitFor(() => / tenants reloaded=1/.test(journal()), { what: 'the reload in the log' });
    assert.equal(mainPid(), before);
    assert.ok(alive(before));
    const reader = await opens('bergen.verksted', await tenantToken(newKey, '2026-12', 'verksted'));
    assert.equal(reader.outcome, 'opened');
    assert.equal(noteText(reader.client.doc, 'n1'), 'Før nøkkelbyttet');
    // The connection from before the reload still works both ways.
    addNote(writer.client.doc, 'n2', 'Etter nøkkelbyttet');
    await waitFor(() => noteText(reader.client.doc, 'n2') === 'Etter nøkkelbyttet', { what: 'the old connection to keep syncing' });
    writer.client.destroy();
    reader.client.destroy();
  });

  it('6. the rooms commands run as the service, through the running server', async () => {
    const { stdout } = await runBlock('cli');
    assert.match(stdout, /^bergen\.verksted\t\d+ bytes\tlast activity \S+/m);
    // Through the running server (its admin route): only it knows the room's connections.
    assert.match(stdout, /^bergen\.verksted\t.*\t(open, \d+ connected)?/m);
    const wrapper = statSync(join(root, 'usr-local-sbin', 'innovasjonsguide-server'));
    assert.equal(wrapper.mode & 0o777, 0o755);
  });

  it('upgrade: backup, reinstall, restart, /health, the room is still there', async () => {
    const before = mainPid();
    const { stdout } = await runBlock('upgrade', [['VERSION=0.1.0', `VERSION=${VERSION}`], ...portSubstitutions()]);
    assert.match(stdout, /Backed up the rooms to \/var\/backups\/innovasjonsguide\/before-/);
    assert.match(stdout, /\{"status":"ok"/);
    const backups = readdirSync(join(root, 'var-backups', 'innovasjonsguide'));
    assert.equal(backups.length, 1);
    assert.notEqual(mainPid(), before);
    assert.ok(!alive(before));
    assert.match(journal(), / stop /);
    const listed = await inNamespace('innovasjonsguide-server rooms list');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^bergen\.verksted\t/m);
  });

  it('backup and restore (SQLite): back up, delete the room, restore, and it is listed again', async () => {
    const { stdout } = await runBlock('backup');
    const file = /Backed up the rooms to (\S+)\. /.exec(stdout)[1];
    assert.match(file, /^\/var\/backups\/innovasjonsguide\/rooms-\d{4}-\d\d-\d\d\.sqlite$/);
    const deleted = await inNamespace('innovasjonsguide-server rooms delete bergen.verksted && innovasjonsguide-server rooms list');
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, /^Deleted .*bergen\.verksted/m);
    assert.doesNotMatch(deleted.stdout, /^bergen\.verksted\t/m);
    const starts = journal().match(/ listen /g).length;
    await runBlock('restore', [['/var/backups/innovasjonsguide/rooms-2026-11-30.sqlite', file]]);
    await waitFor(() => journal().match(/ listen /g).length === starts + 1, { what: 'the server to start again' });
    const restored = statSync(join(root, 'var-lib', 'innovasjonsguide', 'rooms.sqlite'));
    assert.equal(restored.mode & 0o777, 0o600);
    const listed = await inNamespace('innovasjonsguide-server rooms list');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^bergen\.verksted\t/m);
    assert.doesNotMatch(listed.stdout, /^Deleted/m);
  });

  it('systemctl stop: SIGTERM, every room saved, exit', async () => {
    const pid = mainPid();
    const stops = (journal().match(/ stop /g) ?? []).length;
    const stopped = await inNamespace('systemctl stop innovasjonsguide-server');
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.ok(!alive(pid));
    assert.equal(journal().match(/ stop /g).length, stops + 1);
    assert.match(journal(), / signal signal=SIGTERM/);
  });
});

export { DRIFT };
