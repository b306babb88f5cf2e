// Several instances of the collaboration server (issue 14): Redis carries each room's changes and
// presence between them, PostgreSQL holds the rooms for all. Real redis-server, postgres and server
// processes on loopback, started, stopped and killed by these tests; a page on each instance.
import { expect } from '@open-wc/testing';
import { roomOrder } from '../../src/collab/room-order.js';
import { waitUntil } from '../helpers.js';
import {
  closeAllPages,
  freshRoom,
  killServer,
  openPage,
  startServer,
  startService,
  stopServer,
  stopService,
  token,
  waitForSameDocument,
  waitForStatus,
  engine,
  type Page,
  type Server,
} from './rooms.js';

// The browsers run side by side: each has its own instances, Redis and PostgreSQL, as these tests stop them.
const A = `instance-a-${engine}`;
const B = `instance-b-${engine}`;

const textsOf = (page: Page) => page.guide.data.notes.map((note) => note.text).sort();
const presentIds = (page: Page) =>
  (page.window.events.filter((event) => event.type === 'innovasjon-presence').at(-1)?.detail as { participants: { id: string }[] } | undefined)?.participants
    .map((person) => person.id)
    .sort()
    .join();

describe('Several server instances (Redis and PostgreSQL, real processes on loopback)', function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let a: Server;
  let b: Server;

  before(async () => {
    const redis = await startService('redis', engine);
    const postgres = await startService('postgres', engine);
    env = { REDIS_URL: redis.url, DATABASE_URL: postgres.url };
    a = await startServer(A, env);
    b = await startServer(B, env);
  });

  afterEach(() => closeAllPages());

  after(async () => {
    await Promise.all([stopServer(A), stopServer(B)]);
  });

  async function pageOn(server: Server, room: string, person: string, urls?: string[]) {
    const page = await openPage({ url: server.url, urls, room, token: await token(room, person, { sub: person.toLowerCase() }) });
    await waitForStatus(page.guide, 'connected');
    return page;
  }

  it("a page on each instance sees the other's notes and who is there", async () => {
    const room = freshRoom('instances');
    const kari = await pageOn(a, room, 'Kari');
    const ola = await pageOn(b, room, 'Ola');
    kari.guide.addNote('t1-mal', 'Skrevet mot instans A');
    ola.guide.addNote('t1-mal', 'Skrevet mot instans B');
    await waitForSameDocument(kari.guide, ola.guide);
    expect(textsOf(kari)).to.deep.equal(['Skrevet mot instans A', 'Skrevet mot instans B']);
    await waitUntil(() => presentIds(kari) === 'kari,ola' && presentIds(ola) === 'kari,ola', 'each page shows both people', { timeout: 30_000 });
  });

  it('with collabUrls, a page whose instance is killed moves to the next one and loses nothing', async () => {
    // A room that meets on A first (pages order collabUrls by room: src/collab/room-order.ts).
    let room = freshRoom('failover');
    while (roomOrder([a.url, b.url], room)[0] !== a.url) room = freshRoom('failover');
    const kari = await pageOn(a, room, 'Kari', [a.url, b.url]);
    const ola = await pageOn(b, room, 'Ola');
    kari.guide.addNote('t1-mal', 'Før');
    await waitUntil(() => textsOf(ola).includes('Før'), 'the first note reaches the page on the other instance', { timeout: 30_000 });

    await killServer(A);
    try {
      // Written while the page has lost its server and before it has found the other.
      kari.guide.addNote('t1-mal', 'Under flyttingen');
      await waitForStatus(kari.guide, 'offline');
      await waitForStatus(kari.guide, 'connected', 60_000);
      // Instance A is gone: what Kari writes now can reach Ola only through B.
      kari.guide.addNote('t1-mal', 'Etter');
      ola.guide.addNote('t1-mal', 'Fra Ola');
      await waitForSameDocument(kari.guide, ola.guide, 'both pages hold every note, through the remaining instance', 60_000);
      expect(textsOf(ola)).to.deep.equal(['Etter', 'Fra Ola', 'Før', 'Under flyttingen']);
    } finally {
      a = await startServer(A, env);
    }
  });

  it('Redis restarted while both pages keep writing: afterwards both pages hold every note', async () => {
    const room = freshRoom('redis-restart');
    const kari = await pageOn(a, room, 'Kari');
    const ola = await pageOn(b, room, 'Ola');
    kari.guide.addNote('t1-mal', 'Kari 1');
    await waitUntil(() => textsOf(ola).includes('Kari 1'), 'the first note crosses to the other instance', { timeout: 30_000 });

    await stopService('redis', engine);
    kari.guide.addNote('t1-mal', 'Kari 2');
    ola.guide.addNote('t1-mal', 'Ola 1');
    await startService('redis', engine);
    kari.guide.addNote('t1-mal', 'Kari 3');
    ola.guide.addNote('t1-mal', 'Ola 2');
    await waitForSameDocument(kari.guide, ola.guide, 'both pages hold the same notes after Redis is back', 60_000);
    expect(textsOf(kari)).to.deep.equal(['Kari 1', 'Kari 2', 'Kari 3', 'Ola 1', 'Ola 2']);
  });
});
