// The live-room tests (test/collab-live/): real browsers against real collaboration servers
// on loopback, which the tests start, stop and kill themselves (scripts/wtr-collab-server.mjs).
// Run with `npm run test:collab`, which installs and builds the server package first.
import base from './web-test-runner.config.mjs';
import { collabServerPlugin } from './scripts/wtr-collab-server.mjs';

export default {
  ...base,
  files: ['test/collab-live/**/*.test.ts'],
  plugins: [...base.plugins, collabServerPlugin()],
  // A test here waits for a server to start, a page to reconnect after its backoff, several frames.
  testFramework: { config: { timeout: 60_000 } },
};
