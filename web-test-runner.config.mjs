import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChromium } from './scripts/ensure-browser.mjs';

const isRoot = process.getuid?.() === 0;

/** Ends the run with a plain `N passed, N failed` line that CI logs can read. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        failed += session.errors?.length ?? 0;
      }
      console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
    },
  };
}

export default {
  files: ['test/**/*.test.ts'], // test/dist/ runs after a build: npm run test:dist
  reporters: [defaultReporter(), countingReporter()],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        // Root cannot use Chromium's sandbox; the rest keeps it off a closed network.
        args: [
          ...(isRoot ? ['--no-sandbox'] : []),
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 5000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="nb">
      <body>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
};
