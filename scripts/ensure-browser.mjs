// Finds the browsers the tests run in: Chromium (CHROME_PATH, then the usual
// paths) and Firefox ESR (FIREFOX_PATH, then the usual paths). Running as root
// on Debian with one missing, installs Debian's package (chromium,
// firefox-esr); otherwise stops with a message that says what to do.
// BROWSERS=chromium or BROWSERS=firefox runs one engine; the default is both.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const ENGINES = {
  chromium: {
    label: 'Chromium or Chrome',
    debianPackage: 'chromium',
    envVar: 'CHROME_PATH',
    candidates: () => [
      process.env.CHROME_PATH,
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ],
  },
  firefox: {
    label: 'Firefox (ESR or current)',
    debianPackage: 'firefox-esr',
    envVar: 'FIREFOX_PATH',
    candidates: () => [
      process.env.FIREFOX_PATH,
      '/usr/bin/firefox-esr',
      '/usr/bin/firefox',
      '/Applications/Firefox.app/Contents/MacOS/firefox',
    ],
  },
};

const find = (engine) => ENGINES[engine].candidates().filter(Boolean).find((path) => existsSync(path));

export const findChromium = () => find('chromium');

/**
 * How every headless Chromium here is started: root cannot use its sandbox, and
 * without the background-networking flags it keeps dialling out on a closed network.
 */
export const CHROMIUM_ARGS = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const findFirefox = () => find('firefox');

/** The engines asked for in BROWSERS (comma-separated), both by default. */
export function selectedEngines() {
  const asked = (process.env.BROWSERS ?? 'chromium,firefox')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = asked.filter((name) => !(name in ENGINES));
  if (unknown.length || !asked.length) {
    throw new Error(`BROWSERS=${process.env.BROWSERS}: use chromium, firefox or chromium,firefox`);
  }
  return [...new Set(asked)];
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const missing = selectedEngines().filter((engine) => !find(engine));
  const isRoot = process.getuid?.() === 0;
  if (missing.length && isRoot && existsSync('/etc/debian_version')) {
    const packages = missing.map((engine) => ENGINES[engine].debianPackage);
    console.log(`Not found: ${missing.join(', ')}. Installing Debian's ${packages.join(' and ')} (apt-get)…`);
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // Ubuntu has no firefox-esr package, for one: the message below says what to do.
    }
  }
  const stillMissing = missing.filter((engine) => !find(engine));
  if (stillMissing.length) {
    for (const engine of stillMissing) {
      const { label, debianPackage, envVar } = ENGINES[engine];
      console.error(
        `The tests need ${label}. Install it (Debian/Ubuntu: apt-get install ${debianPackage}) ` +
          `or set ${envVar} to its executable.`,
      );
    }
    console.error('Or run one engine only, e.g. BROWSERS=chromium npm test.');
    process.exit(1);
  }
}
