// A process of pages for the reconnect-storm test (faults.test.mjs): the load is spread over
// several processes, so that one busy event loop does not bunch the pages' timers together (500
// pages are 500 devices). Usage: node storm-pages.mjs URL COUNT FIRST SECRET. Prints one line per
// event: `attempt <ms>` for each WebSocket a page opens, `close <ms>` for each that closes,
// `connected <n>` whenever the number of connected pages changes. Ends on SIGTERM.
import { SignJWT } from 'jose';
import { openPage, pageModule } from './pages.mjs';

const [url, count, first, secret] = process.argv.slice(2);
const key = new TextEncoder().encode(secret);
const out = (line) => process.stdout.write(`${line}\n`);

const Original = globalThis.WebSocket;
globalThis.WebSocket = class CountedWebSocket extends Original {
  constructor(...args) {
    out(`attempt ${Date.now()}`);
    super(...args);
    this.addEventListener('close', () => out(`close ${Date.now()}`));
  }
};

await pageModule();
const list = [];
for (let index = Number(first); index < Number(first) + Number(count); index += 1) {
  const room = `storm-${index % 50}`;
  const token = await new SignJWT({ room, name: `p${index}` }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);
  list.push(await openPage({ urls: [url], room, token, name: `p${index}` }));
  // Not all at once: the server admits at most MAX_UNADMITTED sockets waiting at a time.
  if (index % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 50));
}
let last = -1;
setInterval(() => {
  const connected = list.filter((page) => page.connected()).length;
  if (connected !== last) out(`connected ${connected}`);
  last = connected;
}, 20);
process.on('SIGTERM', () => {
  for (const page of list) page.close();
  process.exit(0);
});
