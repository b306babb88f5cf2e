// `npm start`: the demo (web dev server) and, beside it, a local collaboration server for the
// live demo page (demo/sammen.html) in the open development mode on loopback, on Node 24 from the
// npm registry (scripts/server-node.mjs). The demo comes up at once; the first start installs that
// Node and the server package (server/) first.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNode } from './server-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const children = [];
const run = (command, args, env = {}) => {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  return child;
};

const demo = run(join(root, 'node_modules', '.bin', 'wds'), ['--config', 'web-dev-server.config.mjs', '--open', '/demo/']);
demo.on('exit', (code) => stop(code ?? 0));

const prepare = run(process.execPath, [join(root, 'scripts', 'ensure-collab-server.mjs')]);
prepare.on('exit', (code) => {
  if (code !== 0) {
    console.warn('The collaboration server could not be prepared; the demo runs, the live page (sammen.html) stays offline.');
    return;
  }
  run(serverNode(), [join(root, 'server', 'dist', 'innovasjonsguide-server.js')], {
    HOST: '127.0.0.1',
    PORT: process.env.COLLAB_PORT ?? '1234',
    DATA_DIR: join(root, 'collab-data'),
    COLLAB_SECRET: '',
    COLLAB_OPEN_MODE: '1',
  });
});

function stop(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
