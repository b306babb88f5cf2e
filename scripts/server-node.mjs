// The Node that runs the collaboration server: 22 or 24 (20 is out of support and Hocuspocus 4
// needs 22), whatever Node runs npm. The npm registry ships Node itself as the package
// node-linux-<arch> (the binary inside a registry package), so a machine whose own Node is 20
// gets it with npm alone: installed once into .runtimes/node<major>/ and used from there.
//
// SERVER_NODE=22 or 24 picks the line (24 by default: it loads node:sqlite without an
// ExperimentalWarning); SERVER_NODE=/path/to/node uses that binary as it is.
//
//   node scripts/server-node.mjs [22|24]       prints the binary's path (installing it if needed)
//   node scripts/server-node.mjs 24 -- node ARGS…   runs node ARGS on it
//   node scripts/server-node.mjs 24 -- npm ARGS…    runs npm on it (engines are checked against that Node)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The exact versions, so every machine and CI runs the same server runtime. */
export const SERVER_NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' };
export const DEFAULT_SERVER_NODE = '24';

/** npm's own entry point, to run npm on another Node (so it checks engines against that Node). */
export function npmCli() {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm && /npm-cli\.js$/.test(fromNpm)) return fromNpm;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'npm');
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error('npm was not found on PATH');
}

/** The path of the Node binary for the server, installed from the npm registry when missing. */
export function serverNode(wanted = process.env.SERVER_NODE || DEFAULT_SERVER_NODE) {
  if (wanted.includes('/')) return wanted;
  const version = SERVER_NODE_VERSIONS[wanted];
  if (!version) throw new Error(`SERVER_NODE must be 22, 24 or a path to a node binary, not ${JSON.stringify(wanted)}`);
  const prefix = join(ROOT, '.runtimes', `node${wanted}`);
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (process.platform !== 'linux' || !arch) throw new Error(`No Node ${wanted} package for ${process.platform}-${process.arch}: set SERVER_NODE to a node binary`);
  const binary = join(prefix, 'node_modules', `node-linux-${arch}`, 'bin', 'node');
  if (existsSync(binary) && execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() === `v${version}`) return binary;
  process.stderr.write(`Installing Node ${version} for the collaboration server from the npm registry (node-linux-${arch}, once)…\n`);
  mkdirSync(prefix, { recursive: true });
  execFileSync(process.execPath, [npmCli(), 'install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `node-linux-${arch}@${version}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!existsSync(binary)) throw new Error(`Installing node-linux-${arch}@${version} left no ${binary}`);
  return binary;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const split = args.indexOf('--');
  const wanted = (split >= 0 ? args.slice(0, split) : args)[0];
  const node = serverNode(wanted || undefined);
  if (split < 0) {
    process.stdout.write(`${node}\n`);
  } else {
    const [command, ...rest] = args.slice(split + 1);
    const argv = command === 'npm' ? [npmCli(), ...rest] : command === 'node' ? rest : [command, ...rest];
    // Scripts npm runs from here find this Node first on PATH too.
    const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
    const result = spawnSync(node, argv, { stdio: 'inherit', env });
    process.exit(result.status ?? 1);
  }
}
