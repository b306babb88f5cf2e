// Bad days in a real browser (issue 25): with the server's PostgreSQL stopped, a page that opens a
// room is told to wait, not refused. It says so in plain words (status line and the polite live
// region), keeps the person's notes on the page, and joins the room by itself when PostgreSQL is
// back, without a reload. The server-side fault suite is server/test/faults.test.mjs.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers.js';
import { closeAllPages, engine, freshRoom, roomStatusOf, openPage, shownStatus, startServer, startService, stopServer, stopService, token, waitForSameDocument, waitForStatus, type Page, type Server } from './rooms.js';

// Its own PostgreSQL and server per browser: these tests stop the database, which no other test file may notice.
const SERVICE = `faults-${engine}`;
const SERVER = `faults-${engine}`;

describe('Bad days: the storage away (real PostgreSQL and server on loopback)', function () {
  this.timeout(180_000);
  let server: Server;

  before(async () => {
    const postgres = await startService('postgres', SERVICE);
    server = await startServer(SERVER, { DATABASE_URL: postgres.url });
  });

  afterEach(() => closeAllPages());

  after(async () => {
    await startService('postgres', SERVICE);
    await stopServer(SERVER);
  });

  it('a page opened while PostgreSQL is stopped waits with a plain Frakoblet status, keeps the note written meanwhile, and joins by itself when it is back', async () => {
    const room = freshRoom('storage-away');
    await stopService('postgres', SERVICE);
    let page: Page;
    try {
      page = await openPage({ url: server.url, room, token: await token(room, 'Kari', { sub: 'kari' }) });
      await waitUntil(
        () => page.window.events.some((event) => event.type === 'innovasjon-connection' && (event.detail as { reason?: string }).reason === 'storage-unavailable'),
        'the page is told to wait',
        { timeout: 60_000 },
      );
      await waitForStatus(page.guide, 'offline');
      const line = roomStatusOf(page).statusLine!.textContent ?? '';
      expect(line).to.match(/Frakoblet: serveren|Fråkopla: serveren|Offline: the server/);
      const region = page.window.document.querySelector('[data-innovasjon-announcer]');
      expect(region?.getAttribute('aria-live')).to.equal('polite');
      await waitUntil(() => /Frakoblet: serveren|Fråkopla: serveren|Offline: the server/.test(region?.textContent ?? ''), 'the wait is announced politely');
      expect(page.window.events.some((event) => event.type === 'innovasjon-error')).to.equal(false, 'no error: nothing was refused');
      page.guide.addNote('t1-mal', 'Skrevet mens databasen var borte');
    } finally {
      await startService('postgres', SERVICE);
    }
    // No reload: the page finds the room by itself (its retries are at most about 11 s apart).
    await waitForStatus(page.guide, 'connected', 60_000);
    expect(page.window.events.filter((event) => event.type === 'innovasjon-connection').some((event) => /unauthorized|refused/.test((event.detail as { status: string }).status))).to.equal(false);
    const other = await openPage({ url: server.url, room, token: await token(room, 'Ola', { sub: 'ola' }) });
    await waitForStatus(other.guide, 'connected');
    await waitForSameDocument(page.guide, other.guide);
    expect(other.guide.data.notes.map((note) => note.text)).to.deep.equal(['Skrevet mens databasen var borte']);
    expect(shownStatus(page.guide)).to.equal('connected');
  });
});
