import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteerCore from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium, findFirefox, selectedEngines } from './scripts/ensure-browser.mjs';
import { reactPlugin } from './scripts/wtr-react-plugin.mjs';
import { brokenDistMiddleware, forcedColorsPlugin, printPdfPlugin, strictPageMiddleware } from './scripts/wtr-test-pages.mjs';


/**
 * Ends the run with plain `N passed, N failed` lines, per engine and in all, that CI logs can read.
 * SLOWEST=N also lists the N slowest tests, to see which need a larger timeout on a busy machine.
 */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const slowest = Number(process.env.SLOWEST) || 0;
      const timings = [];
      const counts = new Map();
      const countFor = (name) => {
        if (!counts.has(name)) counts.set(name, { passed: 0, failed: 0, skipped: 0, name });
        return counts.get(name);
      };
      const walk = (suite, count, path = []) => {
        for (const test of suite.tests) {
          if (slowest) timings.push([test.duration ?? 0, count.name, [...path, test.name].filter(Boolean).join(' > ')]);
          if (test.skipped) count.skipped++;
          else if (test.passed) count.passed++;
          else count.failed++;
        }
        for (const child of suite.suites) walk(child, count, [...path, child.name]);
      };
      for (const session of sessions) {
        const count = countFor(session.browser.name);
        if (session.testResults) walk(session.testResults, count, [session.testFile.replace(/^.*?\/test\//, 'test/')]);
        count.failed += session.errors?.length ?? 0;
      }
      const line = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed, ${skipped} skipped`;
      const total = { passed: 0, failed: 0, skipped: 0 };
      console.log('');
      if (slowest) {
        console.log(`The ${slowest} slowest tests:`);
        for (const [ms, engine, name] of timings.sort((a, b) => b[0] - a[0]).slice(0, slowest)) {
          console.log(`${String(ms).padStart(6)} ms  ${engine}  ${name}`);
        }
      }
      for (const [name, count] of counts) {
        console.log(`${name}: ${line(count)}`);
        for (const key of Object.keys(total)) total[key] += count[key];
      }
      console.log(line(total));
    },
  };
}

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  // Firefox ESR over WebDriver BiDi: puppeteer-core drives it, no geckodriver needed.
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: findFirefox(), headless: true },
    }),
};

export default {
  files: ['test/**/*.test.ts', '!test/collab-live/**'], // test/dist/: npm run test:dist; test/collab-live/: npm run test:collab
  reporters: [defaultReporter(), countingReporter()],
  nodeResolve: true,
  middleware: [strictPageMiddleware, brokenDistMiddleware],
  plugins: [reactPlugin(), printPdfPlugin(), forcedColorsPlugin(), esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  // BROWSERS=chromium or BROWSERS=firefox runs one engine; the default is both.
  browsers: selectedEngines().map((engine) => launchers[engine]()),
  // One test page at a time per browser: the tests use real focus and keys, and a page in the
  // background loses focus (modernweb-dev/web#238). It is also wtr's default on 2 cores.
  concurrency: 1,
  // Bounds for a hang, not for speed: on a busy 2-core machine (load 12-20) Firefox took over
  // 30 s to open a test page and a large file over 2 min; on a quiet one both take seconds.
  browserStartTimeout: 120_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  // Per test. Tests that need more work than this on a busy machine say so with this.timeout().
  testFramework: { config: { timeout: 5000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="nb">
      <body>
        <script>window.__FUZZ_RUNS__ = ${Number(process.env.FUZZ_RUNS) || 1000};</script>
        <!-- axe (650 kB) loads with the page, not inside the first test that checks accessibility:
             on a busy machine that first load alone took 6-8 s of the test's 5. -->
        <script src="/node_modules/axe-core/axe.min.js"></script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
};
