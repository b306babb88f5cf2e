// The shipped systemd unit (server/deploy/innovasjonsguide-server.service) with docs/drift.md's
// settings, quickly, as part of `npm test`: systemd-analyze verify on the documented layout, then
// ExecStart= and ExecReload= exactly as written (fake-systemctl.mjs plays systemd), and the rooms
// commands' wrapper. Here /opt/node-24 is the Node 24 of scripts/server-node.mjs and the installed
// package is this repository's server/ (built); test/slow/install.test.mjs installs both as
// documented. In a private mount namespace (sandbox.mjs): the machine is left as it was.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { REPO, parseUnit, snippet } from './doc-snippets.mjs';
import { addNote, connect, noteText, waitFor } from './helpers.mjs';
import { alive, canSandbox, Sandbox } from './sandbox.mjs';
import { freePort } from './services.mjs';

const UNIT = join(REPO, 'server', 'deploy', 'innovasjonsguide-server.service');
const sandbox = new Sandbox();
let port;

function tenantToken(key, kid, room) {
  return new SignJWT({ room, name: 'Kari' }).setProtectedHeader({ alg: 'HS256', kid }).setAudience('bergen').setExpirationTime('1h').sign(new TextEncoder().encode(key));
}

async function opens(room, jwt) {
  const client = connect({ url: `ws://127.0.0.1:${port}` }, { room, token: jwt });
  const outcome = await waitFor(() => (client.synced && 'opened') || client.failures[0], { what: `${room} to open or be refused` });
  if (outcome !== 'opened') client.destroy();
  return { outcome, client };
}

describe('the shipped systemd unit, started and reloaded as written', { skip: !canSandbox && 'needs root and unshare --mount' }, () => {
  before(async () => {
    const node = execFileSync(process.execPath, [join(REPO, 'scripts', 'server-node.mjs'), '24'], { encoding: 'utf8' }).trim();
    await sandbox.start((root) => {
      symlinkSync(dirname(dirname(node)), join(root, 'opt', 'node-24'));
      mkdirSync(join(root, 'opt', 'innovasjonsguide-server', 'node_modules'), { recursive: true });
      symlinkSync(join(REPO, 'server'), join(root, 'opt', 'innovasjonsguide-server', 'node_modules', 'innovasjonsguide-server'));
    });
    port = await freePort();
    // The user, as step 2 makes it.
    const useradd = snippet('server').split('\n').find((line) => line.startsWith('useradd '));
    await sandbox.block('server (useradd)', [], useradd);
    await sandbox.block('settings', [['PORT=1234', `PORT=${port}`]]);
    await sandbox.block('tenants');
  });

  after(async () => {
    process.stderr.write(`deploy.test timings (ms): ${JSON.stringify(sandbox.timings)}\n`);
    await sandbox.stop();
  });

  it('passes systemd-analyze verify, starts as written (user, umask) and answers /health', async () => {
    const { stdout, stderr } = await sandbox.block('unit', [['http://127.0.0.1:1234/health', `http://127.0.0.1:${port}/health`]]);
    assert.doesNotMatch(stderr, /\.service|Unit|Command/, 'systemd-analyze verify says nothing');
    assert.match(stdout, /\{"status":"ok","rooms":0,"connections":0\}/);
    const pid = sandbox.mainPid();
    assert.equal(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' '), parseUnit(readFileSync(UNIT, 'utf8')).Service.ExecStart);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    assert.match(status, /^Umask:\s+0077$/m);
    const uid = readFileSync(join(sandbox.root, 'etc', 'passwd'), 'utf8').split('\n').find((line) => line.startsWith('innovasjonsguide:')).split(':')[2];
    assert.match(status, new RegExp(`^Uid:\\s+${uid}\\s`, 'm'));
    // /health may answer a moment before the server has written its listen line.
    await waitFor(() => / listen .*mode=tenants tenants=1 storage=sqlite data=\/var\/lib\/innovasjonsguide/.test(sandbox.journal()), { what: 'the listen line' });
  });

  it('is sandboxed: systemd-analyze security rates its exposure OK (below 4)', async () => {
    const { code, stdout } = await sandbox.run('systemd-analyze security --offline=yes /etc/systemd/system/innovasjonsguide-server.service');
    const exposure = /Overall exposure level for innovasjonsguide-server\.service: ([\d.]+) (\w+)/.exec(stdout);
    assert.ok(exposure, `no exposure level (exit ${code}):\n${stdout}`);
    process.stderr.write(`deploy.test: systemd-analyze security: ${exposure[1]} ${exposure[2]}\n`);
    assert.ok(Number(exposure[1]) < 4, `exposure ${exposure[1]} ${exposure[2]}`);
  });

  it('systemctl reload (ExecReload as written): a key added to tenants.json opens rooms, same process, connections kept', async () => {
    const file = join(sandbox.root, 'etc', 'innovasjonsguide', 'tenants.json');
    const tenants = JSON.parse(readFileSync(file, 'utf8'));
    const [[oldKid, oldKey]] = Object.entries(tenants.tenants.bergen.keys);
    const pid = sandbox.mainPid();
    const writer = await opens('bergen.verksted', await tenantToken(oldKey, oldKid, 'verksted'));
    assert.equal(writer.outcome, 'opened');
    addNote(writer.client.doc, 'n1', 'Før nøkkelbyttet');
    await writer.client.waitSynced();
    const newKey = 'bergen-key-2026-12-long-enough-for-hs256-0000000';
    tenants.tenants.bergen.keys['2026-12'] = newKey;
    writeFileSync(file, JSON.stringify(tenants));
    assert.equal((await opens('bergen.verksted', await tenantToken(newKey, '2026-12', 'verksted'))).outcome, 'token-invalid');
    await sandbox.block('reload');
    await waitFor(() => / tenants reloaded=1/.test(sandbox.journal()), { what: 'the reload in the log' });
    assert.equal(sandbox.mainPid(), pid);
    assert.ok(alive(pid));
    const reader = await opens('bergen.verksted', await tenantToken(newKey, '2026-12', 'verksted'));
    assert.equal(reader.outcome, 'opened');
    assert.equal(reader.client.doc.getMap('notes').get('n1')?.get('text'), 'Før nøkkelbyttet');
    addNote(writer.client.doc, 'n2', 'Etter nøkkelbyttet');
    await waitFor(() => noteText(reader.client.doc, 'n2') === 'Etter nøkkelbyttet', { what: 'the connection from before the reload to keep syncing' });
    writer.client.destroy();
    reader.client.destroy();
  });

  it('the rooms commands run as the service through the running server; systemctl stop saves and ends it', async () => {
    const { stdout } = await sandbox.block('cli');
    assert.match(stdout, /^bergen\.verksted\t\d+ bytes\tlast activity \S+/m);
    const pid = sandbox.mainPid();
    const stopped = await sandbox.run('systemctl stop innovasjonsguide-server');
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.ok(!alive(pid));
    assert.match(sandbox.journal(), / signal signal=SIGTERM[\s\S]* stop /);
  });
});
