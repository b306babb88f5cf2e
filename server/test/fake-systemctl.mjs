// systemd's part in the install test, on a machine whose PID 1 is not systemd: `systemctl
// daemon-reload | enable [--now] | start | stop | restart | reload NAME`, done from the unit file
// itself (/etc/systemd/system/NAME.service, and its drop-ins in NAME.service.d/). ExecStart= and
// ExecReload= run exactly as written, as the unit's User= and Group=, with its UMask=,
// WorkingDirectory=, EnvironmentFile= and StateDirectory=; `$MAINPID` is the started process. The
// sandboxing lines are not enforced here. Its state (the main PID, the output as a "journal") lives in $FAKE_SYSTEMD_STATE.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, chmodSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvironmentFile, parseUnit } from './doc-snippets.mjs';

const state = process.env.FAKE_SYSTEMD_STATE;
if (!state) throw new Error('FAKE_SYSTEMD_STATE is not set');

/** The unit's [Service] lines, with its drop-ins (NAME.service.d/*.conf, in name order) read over them as systemd does. */
function unit(name) {
  const file = `/etc/systemd/system/${name.endsWith('.service') ? name : `${name}.service`}`;
  const service = { ...parseUnit(readFileSync(file, 'utf8')).Service };
  const dropIns = `${file}.d`;
  if (existsSync(dropIns)) {
    for (const conf of readdirSync(dropIns).filter((entry) => entry.endsWith('.conf')).sort()) {
      Object.assign(service, parseUnit(readFileSync(join(dropIns, conf), 'utf8')).Service);
    }
  }
  return { name: name.replace(/\.service$/, ''), ...service };
}

function account(service) {
  const id = (flag, value) => Number(spawnSync('id', [flag, value], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u', service.User), gid: spawnSync('getent', ['group', service.Group], { encoding: 'utf8' }).stdout.split(':')[2] * 1 };
}

function environment(service) {
  const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };
  if (service.User) Object.assign(env, { USER: service.User, LOGNAME: service.User, HOME: '/var/lib/' + (service.StateDirectory ?? ''), SHELL: '/usr/sbin/nologin' });
  if (service.EnvironmentFile) Object.assign(env, parseEnvironmentFile(readFileSync(service.EnvironmentFile.replace(/^-/, ''), 'utf8')));
  return env;
}

const pidFile = (service) => join(state, `${service.name}.pid`);
const alive = (pid) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
const mainPid = (service) => (existsSync(pidFile(service)) ? Number(readFileSync(pidFile(service), 'utf8')) : 0);

function start(service) {
  if (mainPid(service) && alive(mainPid(service))) return;
  const { uid, gid } = account(service);
  if (service.StateDirectory) {
    const dir = `/var/lib/${service.StateDirectory}`;
    mkdirSync(dir, { recursive: true });
    chownSync(dir, uid, gid);
    chmodSync(dir, parseInt(service.StateDirectoryMode ?? '0755', 8));
  }
  const journal = openSync(join(state, `${service.name}.journal`), 'a');
  const child = spawn('/bin/sh', ['-c', `umask ${service.UMask ?? '0022'}; exec ${service.ExecStart}`], {
    uid,
    gid,
    cwd: service.WorkingDirectory ?? '/',
    env: environment(service),
    detached: true,
    stdio: ['ignore', journal, journal],
  });
  writeFileSync(pidFile(service), String(child.pid));
  child.unref();
}

async function stop(service) {
  const pid = mainPid(service);
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGTERM'); // KillMode=mixed: SIGTERM to the main process
  const deadline = Date.now() + 30_000;
  while (alive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  rmSync(pidFile(service), { force: true });
}

function reload(service) {
  const pid = mainPid(service);
  if (!pid || !alive(pid)) throw new Error(`${service.name} is not running`);
  const { uid, gid } = account(service);
  const result = spawnSync('/bin/sh', ['-c', service.ExecReload.replaceAll('$MAINPID', String(pid))], { uid, gid, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`ExecReload failed with ${result.status}`);
}

const [command, ...rest] = process.argv.slice(2);
const names = rest.filter((arg) => !arg.startsWith('--'));
writeFileSync(join(state, 'systemctl.log'), `${process.argv.slice(2).join(' ')}\n`, { flag: 'a' });
for (const name of names) {
  const service = unit(name);
  if (command === 'enable' && rest.includes('--now')) start(service);
  else if (command === 'start') start(service);
  else if (command === 'stop') await stop(service);
  else if (command === 'restart') {
    await stop(service);
    start(service);
  } else if (command === 'reload') reload(service);
  else if (command !== 'enable') throw new Error(`fake systemctl: ${command} is not played here`);
}
if (command !== 'daemon-reload' && !names.length) throw new Error(`fake systemctl: ${command} needs a unit`);
