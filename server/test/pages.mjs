// The page's own connection code (src/collab/room-connection.ts: RoomConnection with its
// reconnect spread, its reasons to wait and its list of server addresses), bundled on the fly and
// run in Node (22 and 24 have a global WebSocket; without IndexedDB there is no device copy, so
// what a page holds is what it has in memory: the strictest case). The bundle brings its own Yjs,
// exported as `Y`: notes are written with it, and rooms compared as plain JSON.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './services.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let bundle;

/** `{ RoomConnection, RECONNECT, WAIT_REASONS, Y }` from the page's sources. */
export async function pageModule() {
  if (bundle) return bundle;
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents: `export * from './src/collab/room-connection.ts'; export * as Y from 'yjs';`, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'error',
  });
  bundle = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  return bundle;
}

const pages = new Set();

/** Ends every page opened here (call from an `after` hook). */
export function closePages() {
  for (const page of pages) page.connection.destroy();
  pages.clear();
}

/**
 * One page in a room, as the guide opens it: `urls` every address of the service (the first is
 * used first). Records each connection state with its time; `write()` adds a note with an id of
 * its own and remembers it.
 */
export async function openPage({ urls, room, token, name }) {
  const { RoomConnection, Y } = await pageModule();
  const connection = new RoomConnection({ url: urls[0], urls, room, token, participant: { id: name, name }, offline: false });
  const page = { name, connection, doc: connection.doc, states: [], written: [], Y };
  connection.onState((state) => page.states.push({ ...state, at: Date.now() }));
  pages.add(page);
  page.write = () => {
    const id = `${name}-${page.written.length + 1}`;
    page.doc.transact(() => {
      const note = new Y.Map();
      const now = new Date().toISOString();
      for (const [key, value] of Object.entries({ id, cardId: 'kort-1', text: `${name} ${page.written.length + 1}`, color: 'yellow', author: '', order: 'a0', createdAt: now, updatedAt: now })) {
        note.set(key, value);
      }
      note.set('votes', new Y.Map());
      page.doc.getMap('notes').set(id, note);
    });
    page.written.push(id);
  };
  page.notes = () => Object.fromEntries([...page.doc.getMap('notes')].map(([id, note]) => [id, note.get('text')]));
  page.connected = () => connection.state.status === 'connected';
  page.close = () => {
    connection.destroy();
    pages.delete(page);
  };
  return page;
}

/** Every page writes a note every `every` ms (each on its own beat) until the returned function is called. */
export function keepWriting(list, every = 150) {
  const timers = list.map((page, index) => {
    let timer;
    const start = setTimeout(() => {
      page.write();
      timer = setInterval(page.write, every);
    }, (index * every) / list.length);
    return () => {
      clearTimeout(start);
      clearInterval(timer);
    };
  });
  return () => timers.forEach((stop) => stop());
}

/** Waits until every page is connected and holds every note any of them wrote; returns those notes. */
export async function converged(list, { timeout = 90_000 } = {}) {
  const all = new Set(list.flatMap((page) => page.written));
  await waitFor(() => list.every((page) => page.connected() && Object.keys(page.notes()).length === all.size && page.written.every((id) => id in page.notes())), {
    timeout,
    what: `every page to hold all ${all.size} notes (${list.map((page) => `${page.name}: ${page.connection.state.status}${page.connection.state.reason ? `/${page.connection.state.reason}` : ''} ${Object.keys(page.notes()).length}`).join(', ')})`,
  }).catch((error) => {
    throw new Error(`${error.message}; now ${list.map((page) => `${page.name}: ${page.connection.state.status} ${Object.keys(page.notes()).length}`).join(', ')}`);
  });
  for (const page of list) for (const id of all) if (!(id in page.notes())) throw new Error(`${page.name} lacks ${id}`);
  return list[0].notes();
}
