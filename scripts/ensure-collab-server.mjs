// Makes sure the collaboration server (server/, its own package) is installed and built
// before the live-room tests or `npm start` run it. An install counts only once it has
// finished: an interrupted one (Ctrl+C during the first start) or a changed lockfile
// installs again instead of leaving a server that cannot start.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmCli, serverNode } from './server-node.mjs';

const server = join(dirname(fileURLToPath(import.meta.url)), '..', 'server');
// npm runs on the server's own Node, so engines are checked against it, not against the Node running this.
const node = serverNode();
const marker = join(server, 'node_modules', '.installed-lockfile');
const lockfile = createHash('sha256').update(readFileSync(join(server, 'package-lock.json'))).digest('hex');
const wanted = `${lockfile} ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}`;
const installed = existsSync(marker) && readFileSync(marker, 'utf8').trim() === wanted;
if (!installed) {
  console.log(`Installing the collaboration server package (server/) for Node ${wanted.split(' ')[1]}…`);
  execFileSync(node, [npmCli(), 'ci', '--no-audit', '--no-fund'], { cwd: server, stdio: 'inherit' });
  writeFileSync(marker, `${wanted}\n`);
}
execFileSync(node, [join(server, 'build.mjs')], { cwd: server, stdio: 'inherit' });
