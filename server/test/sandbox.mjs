// A root-only sandbox for the operator's documents: a private mount namespace (unshare --mount)
// whose /opt, /etc, /var/lib, /var/backups and /usr/local/sbin are throwaway copies, so the
// documented paths are used as they are and the machine is left as it was. Blocks run there with
// `sh -e`, as root, with this machine's environment; `systemctl` is played by fake-systemctl.mjs
// from the unit file, its "journal" and main PID kept in the sandbox.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snippet, substitute } from './doc-snippets.mjs';
import { waitFor } from './services.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const canSandbox = process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true']).status === 0;

const live = new Set();
/** Ends everything every sandbox started, synchronously (also on a signal, when the runner times out). */
function killAll() {
  for (const sandbox of live) sandbox.kill();
}
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    killAll();
    for (const sandbox of live) rmSync(sandbox.root, { recursive: true, force: true });
    process.exit(1);
  });
}

const PREFIX = 'innovasjonsguide-operator-';

/**
 * Removes the copies of sandboxes whose test process is gone (a runner's timeout may end it with
 * SIGKILL, before its cleanup): each sandbox names its owner in owner.pid.
 */
function removeStale() {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    try {
      const owner = join(dir, 'owner.pid');
      const gone = existsSync(owner) ? !alive(Number(readFileSync(owner, 'utf8'))) : Date.now() - statSync(dir).mtimeMs > 600_000;
      if (gone) rmSync(dir, { recursive: true, force: true });
    } catch {}
  }
}

export const alive = (pid) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

export class Sandbox {
  timings = {};
  #groups = new Set(); // process groups of blocks still running
  #holder;

  /** `prepare(root)` may fill the copies (root/opt, root/etc, …) before the namespace is made. */
  async start(prepare = () => {}) {
    removeStale();
    this.root = mkdtempSync(join(tmpdir(), PREFIX));
    writeFileSync(join(this.root, 'owner.pid'), String(process.pid));
    live.add(this);
    for (const dir of ['opt', 'var-lib', 'var-backups', 'usr-local-sbin', 'work', 'systemd', 'fakebin']) {
      mkdirSync(join(this.root, dir));
      chmodSync(join(this.root, dir), 0o755);
    }
    execFileSync('cp', ['-a', '/etc', join(this.root, 'etc')]);
    writeFileSync(join(this.root, 'fakebin', 'systemctl'), `#!/bin/sh\nexec ${process.execPath} ${join(HERE, 'fake-systemctl.mjs')} "$@"\n`, { mode: 0o755 });
    await prepare(this.root);
    const binds = [['opt', '/opt'], ['etc', '/etc'], ['var-lib', '/var/lib'], ['var-backups', '/var/backups'], ['usr-local-sbin', '/usr/local/sbin']]
      .map(([from, to]) => `mount --bind ${join(this.root, from)} ${to}`)
      .join(' && ');
    this.#holder = spawn('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', `${binds} && echo ready && exec sleep 3600`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    this.#holder.stdout.on('data', (chunk) => (out += chunk));
    await waitFor(() => out.includes('ready') || this.#holder.exitCode !== null, { what: 'the mount namespace' });
    if (!out.includes('ready')) throw new Error('the mount namespace could not be set up');
  }

  /** Runs `script` with `sh -e` in the namespace, in root/work (where the tarballs are). */
  run(script, { cwd = join(this.root, 'work') } = {}) {
    return new Promise((resolve) => {
      const child = spawn('nsenter', [`--mount=/proc/${this.#holder.pid}/ns/mnt`, `--wd=${cwd}`, '--', 'sh', '-ec', script], {
        cwd,
        env: {
          // The operator's shell: this machine's environment (its CA certificates for the registry),
          // without what npm test adds, and root's PATH with systemctl played by the test.
          ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|NODE_OPTIONS$|NODE_TEST)/i.test(name))),
          PATH: `${join(this.root, 'fakebin')}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
          LANG: 'C.UTF-8',
          FAKE_SYSTEMD_STATE: join(this.root, 'systemd'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // its own process group, so a cleanup after a timeout ends all it started
      });
      this.#groups.add(child.pid);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('exit', (code) => {
        this.#groups.delete(child.pid);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Runs docs/drift.md's block `name`, with only the stated replacements; throws unless it exits 0. */
  async block(name, replacements = [], text = snippet(name)) {
    const started = Date.now();
    const result = await this.run(substitute(text, replacements));
    this.timings[name] = Date.now() - started;
    if (result.code !== 0) throw new Error(`block ${name} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  journal(unit = 'innovasjonsguide-server') {
    const file = join(this.root, 'systemd', `${unit}.journal`);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  mainPid(unit = 'innovasjonsguide-server') {
    const file = join(this.root, 'systemd', `${unit}.pid`);
    return existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
  }

  kill() {
    for (const group of this.#groups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {}
    }
    const pid = this.root ? this.mainPid() : 0;
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    if (this.#holder && this.#holder.exitCode === null) this.#holder.kill('SIGKILL');
  }

  /** Ends all it started (the blocks, the service, the namespace) and removes the copies. */
  async stop() {
    const pid = this.root ? this.mainPid() : 0;
    this.kill();
    if (pid) await waitFor(() => !alive(pid), { what: 'the service to end' });
    if (this.#holder && this.#holder.exitCode === null && this.#holder.signalCode === null) await new Promise((resolve) => this.#holder.once('exit', resolve));
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    live.delete(this);
  }
}
