// Makes sure the collaboration server (server/, its own package) is installed and built
// before the live-room browser tests start it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = join(dirname(fileURLToPath(import.meta.url)), '..', 'server');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!existsSync(join(server, 'node_modules', '@hocuspocus', 'server'))) {
  console.log('Installing the collaboration server package (server/) for the live-room tests…');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: server, stdio: 'inherit' });
}
execFileSync(npm, ['run', '--silent', 'build'], { cwd: server, stdio: 'inherit' });
