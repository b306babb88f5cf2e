// Makes sure the collaboration server (server/, its own package) is installed and built
// before the live-room tests or `npm start` run it. An install counts only once it has
// finished: an interrupted one (Ctrl+C during the first start) or a changed lockfile
// installs again instead of leaving a server that cannot start.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = join(dirname(fileURLToPath(import.meta.url)), '..', 'server');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const marker = join(server, 'node_modules', '.installed-lockfile');
const lockfile = createHash('sha256').update(readFileSync(join(server, 'package-lock.json'))).digest('hex');
const installed = existsSync(marker) && readFileSync(marker, 'utf8').trim() === lockfile;
if (!installed) {
  console.log('Installing the collaboration server package (server/); the first time takes about a minute…');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: server, stdio: 'inherit' });
  writeFileSync(marker, `${lockfile}\n`);
}
execFileSync(npm, ['run', '--silent', 'build'], { cwd: server, stdio: 'inherit' });
