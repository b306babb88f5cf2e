// Finds a Chromium for the tests: CHROME_PATH, then the usual paths. Running
// as root on Debian with none found, installs Debian's chromium; otherwise
// stops with a message that says what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);

export function findChromium() {
  return candidates.find((path) => existsSync(path));
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain && !findChromium()) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('No Chromium found: installing Debian\'s chromium (apt-get)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!findChromium()) {
    console.error(
      'The tests need Chromium or Chrome. Install it (Debian/Ubuntu: apt-get install chromium) ' +
        'or set CHROME_PATH to its executable, then run npm test again.',
    );
    process.exit(1);
  }
}
