import { expect } from '@open-wc/testing';
import { offlineName } from '../../src/collab/room-connection.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { RomStatusHarness } from '../innovasjon-rom-status/harness.js';
import { trinnHarness } from '../innovasjon-trinn/harness.js';
import {
  clickIn,
  closeAllPages,
  roomStatusOf,
  freshRoom,
  killServer,
  openPage,
  roomsCommand,
  shownStatus,
  startServer,
  stopServer,
  token,
  waitForSameDocument,
  waitForStatus,
  type Page,
  type Server,
} from './rooms.js';

const notesOf = (page: Page) => page.guide.data.notes;

/** How many updates this device's copy of a room holds (y-indexeddb's `updates` store). */
function deviceUpdates(url: string, room: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(offlineName(url, room));
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('updates')) {
        db.close();
        resolve(0);
        return;
      }
      const count = db.transaction('updates').objectStore('updates').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => reject(count.error);
    };
  });
}
const textsOf = (page: Page) => notesOf(page).map((note) => note.text).sort();

async function twoPages(server: Server, room = freshRoom()) {
  const [a, b] = await Promise.all([
    openPage({ url: server.url, room, token: await token(room, 'Kari', { sub: 'kari' }) }),
    openPage({ url: server.url, room, token: await token(room, 'Ola', { sub: 'ola' }) }),
  ]);
  await Promise.all([waitForStatus(a.guide, 'connected'), waitForStatus(b.guide, 'connected')]);
  return { a, b, room };
}

describe('A live room (real server on loopback, two pages)', function () {
  this.timeout(120_000);
  let server: Server;

  before(async () => {
    server = await startServer();
  });

  afterEach(() => closeAllPages());

  it('shows what one page writes on the other, and both end with the same document when they change it at once', async () => {
    const { a, b } = await twoPages(server);
    const first = a.guide.addNote('t1-mal', 'Kortere ventetid');
    await waitUntil(() => notesOf(b).some((note) => note.id === first.id), 'the note reaches the other page', { timeout: 30_000 });
    expect(b.guide.data.notes.find((note) => note.id === first.id)?.text).to.equal('Kortere ventetid');

    // At the same moment, without waiting for each other.
    const second = b.guide.addNote('t1-mal', 'Bedre samarbeid');
    a.guide.updateNote(first.id, { text: 'Kortere ventetid for innbyggerne', color: 'pink' });
    b.guide.addAction({ step: 1, what: 'Snakke med brukerne', who: 'Ola' });
    const third = a.guide.addNote('t1-team', 'Hvem mangler?');
    b.guide.moveNote(first.id, 't1-forankring');
    a.guide.removeNote(third.id);
    b.guide.updateNote(second.id, { color: 'blue' });
    await waitForSameDocument(a.guide, b.guide);

    const data = a.guide.data;
    expect(data.notes.map((note) => note.text).sort()).to.deep.equal(['Bedre samarbeid', 'Kortere ventetid for innbyggerne']);
    const moved = data.notes.find((note) => note.id === first.id)!;
    expect([moved.cardId, moved.color]).to.deep.equal(['t1-forankring', 'pink']);
    expect(data.actions.map((action) => action.what)).to.deep.equal(['Snakke med brukerne']);
    expect(data.deleted.map((each) => each.id)).to.include(third.id);
  });

  it('announces changes people make, not the notes a page finds when it joins', async () => {
    const { a, room } = await twoPages(server);
    a.guide.addNote('t1-mal', 'Fantes fra før');
    a.guide.addNote('t1-team', 'Også fra før');
    const late = await openPage({ url: server.url, room, token: await token(room, 'Per', { sub: 'per' }), key: `${room}-late` });
    await waitForStatus(late.guide, 'connected');
    await waitUntil(() => notesOf(late).length === 2, 'the late page finds both notes', { timeout: 30_000 });
    const adds = () => late.window.events.filter((event) => event.type === 'innovasjon-note-add');
    expect(adds()).to.have.length(0);
    a.guide.addNote('t1-mal', 'Ny nå');
    await waitUntil(() => adds().length === 1, 'a note written now is announced once', { timeout: 30_000 });
    expect((adds()[0].detail as { note: { text: string } }).note.text).to.equal('Ny nå');
  });

  it('counts two votes given on one note at the same moment on two pages', async () => {
    const { a, b } = await twoPages(server);
    const note = a.guide.addNote('t1-mal', 'Stem på meg');
    await waitUntil(() => notesOf(b).length === 1, 'the note reaches the other page', { timeout: 30_000 });
    // Through the page's store, as the vote button does: both pages vote before either hears the other.
    const vote = (page: Page, participant: string) =>
      (page.guide as unknown as { guide: { store: { setVote(id: string, who: string, voted: boolean): void } } }).guide.store.setVote(
        note.id,
        participant,
        true,
      );
    vote(a, 'kari');
    vote(b, 'ola');
    await waitUntil(() => notesOf(a)[0]?.votes.length === 2 && notesOf(b)[0]?.votes.length === 2, 'both votes count on both pages', {
      timeout: 30_000,
    });
    expect(notesOf(a)[0].votes).to.deep.equal(['kari', 'ola']);
  });

  it('ends with one valid text everywhere when the same note is edited on both pages at once', async () => {
    const { a, b } = await twoPages(server);
    const note = a.guide.addNote('t1-mal', 'Utkast');
    await waitUntil(() => notesOf(b).length === 1, 'the note reaches the other page', { timeout: 30_000 });
    a.guide.updateNote(note.id, { text: 'Versjon fra Kari' });
    b.guide.updateNote(note.id, { text: 'Versjon fra Ola' });
    await waitForSameDocument(a.guide, b.guide);
    expect(['Versjon fra Kari', 'Versjon fra Ola']).to.include(notesOf(a)[0].text);
  });

  it('shows the connection and who is here, and tells the host page', async () => {
    // Kari is in the room first; Ola comes in after.
    const room = freshRoom('presence');
    const a = await openPage({ url: server.url, room, token: await token(room, 'Kari', { sub: 'kari' }) });
    await waitForStatus(a.guide, 'connected');
    const b = await openPage({ url: server.url, room, token: await token(room, 'Ola', { sub: 'ola' }), key: `${room}-ola` });
    await waitForStatus(b.guide, 'connected');
    await waitUntil(
      () => {
        const presence = a.window.events.filter((event) => event.type === 'innovasjon-presence').at(-1)?.detail as
          | { participants: { id: string; name: string }[] }
          | undefined;
        return presence?.participants.map((person) => person.id).sort().join() === 'kari,ola';
      },
      'the first page hears that both people are here',
      { timeout: 30_000 },
    );
    const status = roomStatusOf(a);
    const text = status.renderedText.replace(/\s+/g, ' ');
    expect(text).to.contain('Tilkoblet');
    expect(text).to.contain('Kari');
    expect(text).to.contain('Ola');
    expect(a.window.events.some((event) => event.type === 'innovasjon-connection' && (event.detail as { status: string }).status === 'connected')).to.be
      .true;
    // Ola looks at step 1 as well: the navigation says so on Kari's page.
    await waitUntil(
      () => guideHarness(a.guide).hereOnCurrentStep?.includes('Ola'),
      "Kari's navigation shows Ola on step 1",
      { timeout: 30_000 },
    );
    const announced = () => a.frame.contentDocument!.querySelector('[data-innovasjon-announcer]')?.textContent ?? '';
    await waitUntil(() => announced().includes('Kom inn: Ola'), 'Ola’s arrival is announced', { timeout: 30_000 });
    expect(announced()).not.to.contain('Kari'); // never oneself
    b.close();
    await waitUntil(
      () => !status.renderedText.includes('Ola'),
      'the person who left is no longer shown',
      { timeout: 60_000 },
    );
    // Said politely on Kari's page (joins and leaves are gathered, at most one message every few seconds).
    await waitUntil(() => announced().includes('Gikk ut: Ola'), 'the leave is announced', { timeout: 30_000 });
  });

  it('asks the host’s token function again on every reconnect', async () => {
    const room = freshRoom('token-fn');
    const page = await openPage({ url: server.url, room, token: '' });
    page.guide.remove(); // set up again with a function before it connects
    let asked = 0;
    page.guide.collabToken = async () => {
      asked += 1;
      return token(room, `Kari ${asked}`, { sub: 'kari' });
    };
    page.frame.contentDocument!.body.append(page.guide);
    await waitForStatus(page.guide, 'connected');
    const first = asked;
    expect(first).to.be.greaterThan(0);
    await stopServer();
    await waitForStatus(page.guide, 'offline');
    server = await startServer();
    await waitForStatus(page.guide, 'connected', 60_000);
    expect(asked).to.be.greaterThan(first);
  });

  it('shows the same notes live in a step of an article and in the whole guide, and counts one person’s two tabs once', async () => {
    const room = freshRoom('article');
    const guidePage = await openPage({ url: server.url, room, token: await token(room, 'Kari', { sub: 'kari' }) });
    // The article's step: another element on another page of the same person, in the same room.
    const article = await openPage({ url: server.url, room, token: await token(room, 'Kari', { sub: 'kari' }), key: `${room}-article` });
    article.guide.remove();
    const step = article.frame.contentDocument!.createElement('innovasjon-trinn');
    Object.assign(step, { collabUrl: server.url, collabRoom: room, collabToken: await token(room, 'Kari', { sub: 'kari' }), number: 1 });
    article.frame.contentDocument!.body.append(step);
    await waitForStatus(guidePage.guide, 'connected');
    const stepStatus = () => {
      const status = trinnHarness(step as InnovasjonTrinn).roomStatus;
      return status ? new RomStatusHarness(status).status : undefined;
    };
    await waitUntil(() => stepStatus() === 'connected', 'the step is connected', {
      timeout: 30_000,
    });
    guidePage.guide.addNote('t1-mal', 'Fra intranettet');
    await waitUntil(() => (step as unknown as { data: { notes: { text: string }[] } }).data.notes.some((note) => note.text === 'Fra intranettet'), 'the note reaches the article', {
      timeout: 30_000,
    });
    (step as unknown as { addNote(card: string, text: string): void }).addNote('t1-team', 'Fra artikkelen');
    await waitUntil(() => textsOf(guidePage).includes('Fra artikkelen'), 'and back', { timeout: 30_000 });
    // Ola sees Kari once, though Kari has two pages in the room.
    const ola = await openPage({ url: server.url, room, token: await token(room, 'Ola', { sub: 'ola' }), key: `${room}-ola` });
    const seen = () =>
      (ola.window.events.filter((event) => event.type === 'innovasjon-presence').at(-1)?.detail as { participants: { id: string }[] } | undefined)?.participants.map(
        (person) => person.id,
      ) ?? [];
    await waitUntil(() => seen().includes('kari'), 'Ola sees Kari', { timeout: 30_000 });
    expect(seen()).to.deep.equal(['ola', 'kari']);
  });

  it('refuses a wrong, an expired and another room’s token with collab-unauthorized, and keeps the notes on the page', async () => {
    const tokens = {
      wrongSecret: (room: string) => token(room, 'Kari', { secret: 'not-the-server-secret-but-long-enough-0123456789' }),
      expired: (room: string) => token(room, 'Kari', { expiresIn: -60 }),
      otherRoom: () => token(freshRoom('other'), 'Kari'),
    };
    for (const [what, tokenFor] of Object.entries(tokens)) {
      // A room each: pages of one room on one device share its offline copy, as tabs do.
      const room = freshRoom(what);
      const page = await openPage({ url: server.url, room, token: await tokenFor(room) });
      const note = page.guide.addNote('t1-mal', `Skrevet med ${what}`);
      await waitForStatus(page.guide, 'unauthorized');
      const error = page.window.events.find((event) => event.type === 'innovasjon-error')?.detail as { code: string } | undefined;
      expect(error?.code, what).to.equal('collab-unauthorized');
      expect(notesOf(page).map((each) => each.id), what).to.deep.equal([note.id]);
      page.guide.addNote('t1-mal', 'Skriver videre');
      expect(notesOf(page).length, what).to.equal(2);
      page.close();
    }
  });

  it('keeps a page working past its token’s expiry when the host hands out fresh tokens (issue 24, M6)', async () => {
    const room = freshRoom('fornyes');
    const kari = await openPage({ url: server.url, room, token: await token(room, 'Kari', { expiresIn: 5 }) });
    let issued = 0;
    kari.guide.collabToken = async () => {
      issued += 1;
      return token(room, 'Kari', { expiresIn: 5 });
    };
    const ola = await openPage({ url: server.url, room, token: await token(room, 'Ola'), key: `${room}-ola` });
    await Promise.all([waitForStatus(kari.guide, 'connected'), waitForStatus(ola.guide, 'connected')]);
    const started = Date.now();
    for (let index = 0; Date.now() - started < 12_000; index += 1) {
      kari.guide.addNote('t1-mal', `Lapp ${index}`);
      await waitUntil(() => textsOf(ola).includes(`Lapp ${index}`), `note ${index} reaches Ola`, { timeout: 30_000 });
      await waitUntil(() => Date.now() - started > (index + 1) * 1500, 'the next moment', { timeout: 5_000 });
    }
    expect(issued, 'fresh tokens asked for').to.be.greaterThan(1);
    expect(kari.window.events.filter((event) => event.type === 'innovasjon-error')).to.deep.equal([]);
    expect(shownStatus(kari.guide)).to.equal('connected');
  });

  it('keeps ten rooms on one server apart', async () => {
    const rooms = Array.from({ length: 10 }, () => freshRoom('ten'));
    const pages = await Promise.all(rooms.map(async (room) => openPage({ url: server.url, room, token: await token(room, room) })));
    await Promise.all(pages.map((page) => waitForStatus(page.guide, 'connected')));
    pages.forEach((page, index) => page.guide.addNote('t1-mal', `Bare i rom ${index}`));
    const fresh = await Promise.all(rooms.map(async (room) => openPage({ url: server.url, room, token: await token(room, 'Ny'), key: `${room}-fresh` })));
    await Promise.all(fresh.map((page) => waitForStatus(page.guide, 'connected')));
    for (const [index, page] of fresh.entries()) {
      await waitUntil(() => notesOf(page).length === 1, `room ${index} shows its one note`, { timeout: 30_000 });
      expect(textsOf(page)).to.deep.equal([`Bare i rom ${index}`]);
    }
  });

  it('reconnects after the server is stopped and started on the same data, with nothing lost', async () => {
    const { a, b, room } = await twoPages(server);
    a.guide.addNote('t1-mal', 'Før omstart');
    await waitUntil(() => notesOf(b).length === 1, 'the note reaches the other page', { timeout: 30_000 });
    await stopServer();
    await Promise.all([waitForStatus(a.guide, 'offline'), waitForStatus(b.guide, 'offline')]);
    a.guide.addNote('t1-mal', 'Skrevet mens serveren var borte');
    server = await startServer();
    await Promise.all([waitForStatus(a.guide, 'connected', 60_000), waitForStatus(b.guide, 'connected', 60_000)]);
    await waitForSameDocument(a.guide, b.guide, 'both pages have every note after the restart', 60_000);
    const fresh = await openPage({ url: server.url, room, token: await token(room, 'Per'), key: `${room}-fresh` });
    await waitUntil(() => notesOf(fresh).length === 2, 'a fresh page sees everything', { timeout: 30_000 });
    expect(textsOf(fresh)).to.deep.equal(['Før omstart', 'Skrevet mens serveren var borte']);
  });

  it('brings back a change the server lost to kill -9 from the pages’ copies', async () => {
    // The server stores on a debounce (Hocuspocus: 2 s, at most 10 s), so a hard kill right after a
    // change can lose it on the server; the pages still hold it and send it when it is back.
    const { a, b, room } = await twoPages(server);
    const note = a.guide.addNote('t1-mal', 'Rett før kill -9');
    await waitUntil(() => notesOf(b).length === 1, 'the note reaches the other page', { timeout: 30_000 });
    await killServer();
    // The other page changes that note while the server is away: its change builds on a note the
    // restarted server has not seen yet, and may reach it before the sync does ('out-of-order':
    // not applied, the page connects again; never refused).
    b.guide.updateNote(note.id, { text: 'Endret mens serveren var borte' });
    server = await startServer();
    await Promise.all([waitForStatus(a.guide, 'connected', 60_000), waitForStatus(b.guide, 'connected', 60_000)]);
    await waitUntil(() => textsOf(a).includes('Endret mens serveren var borte'), 'the change reaches the first page', { timeout: 60_000 });
    for (const page of [a, b]) {
      expect(page.window.events.some((event) => event.type === 'innovasjon-error'), 'no page was refused').to.equal(false);
      expect(page.window.events.some((event) => event.type === 'innovasjon-connection' && /refused|unauthorized/.test((event.detail as { status: string }).status))).to.equal(false);
    }
    a.close();
    b.close();
    const fresh = await openPage({ url: server.url, room, token: await token(room, 'Per'), key: `${room}-fresh` });
    await waitUntil(() => textsOf(fresh).includes('Endret mens serveren var borte'), 'a fresh page sees the note as changed', { timeout: 30_000 });
  });

  it('keeps editing with the server gone, keeps the edits through a reload, and sends them when the server is back', async () => {
    const { a, b, room } = await twoPages(server);
    // Everything the page's live region says from here on: «Gikk ut: …» may follow «Frakoblet» in a later frame.
    const heard: string[] = [];
    const doc = a.frame.contentDocument!;
    const listen = new (a.frame.contentWindow as Window & typeof globalThis).MutationObserver(() => {
      const said = doc.querySelector('[data-innovasjon-announcer]')?.textContent;
      if (said) heard.push(said);
    });
    listen.observe(doc.body, { subtree: true, childList: true, characterData: true });
    await stopServer();
    await waitForStatus(a.guide, 'offline');
    expect(shownStatus(a.guide)).to.equal('offline');
    // Said politely, once, on that page.
    await waitUntil(() => heard.some((said) => said.includes('Frakoblet')), 'the page announces that it is offline');
    listen.disconnect();
    const stored = await deviceUpdates(server.url, room);
    a.guide.addNote('t1-mal', 'Skrevet frakoblet');
    // y-indexeddb writes each update in a transaction of its own: the reload comes once it is stored,
    // as a person's would (a reload within a few milliseconds of typing could lose that keystroke's change).
    await waitUntil(async () => (await deviceUpdates(server.url, room)) > stored, 'the edit is in the device copy');
    await a.reload();
    await waitUntil(() => textsOf(a).includes('Skrevet frakoblet'), 'the edit is still there after a reload while offline', {
      timeout: 30_000,
    });
    server = await startServer();
    await waitUntil(() => textsOf(b).includes('Skrevet frakoblet'), 'the edit reaches the other page when the server is back', {
      timeout: 60_000,
    });
  });

  it('does not let a deleted room come back from a page that had it open', async () => {
    const { a, b, room } = await twoPages(server);
    a.guide.addNote('t1-mal', 'Skal slettes');
    await waitUntil(() => notesOf(b).length === 1, 'the note reaches the other page', { timeout: 30_000 });
    const result = await roomsCommand(['delete', room]);
    expect(result.code, result.stdout).to.equal(0);
    await Promise.all([waitForStatus(a.guide, 'refused'), waitForStatus(b.guide, 'refused')]);
    await waitUntil(() => notesOf(a).length === 0 && notesOf(b).length === 0, 'the pages drop the deleted room', { timeout: 30_000 });
    const fresh = await openPage({ url: server.url, room, token: await token(room, 'Per'), key: `${room}-fresh` });
    await waitForStatus(fresh.guide, 'refused');
    expect(notesOf(fresh)).to.have.length(0);
  });

  it('does not let a deleted room come back from a device that was offline when it was deleted', async () => {
    const { a, b, room } = await twoPages(server);
    a.guide.addNote('t1-mal', 'Før slettingen');
    await waitUntil(() => notesOf(b).length === 1, 'the note reaches the other page', { timeout: 30_000 });
    b.close();
    await stopServer();
    await waitForStatus(a.guide, 'offline');
    a.guide.addNote('t1-mal', 'Skrevet frakoblet');
    // The operator deletes the room while the server is down (the CLI opens the database directly).
    const result = await roomsCommand(['delete', room]);
    expect(result.code, result.stdout).to.equal(0);
    server = await startServer();
    await waitForStatus(a.guide, 'refused', 60_000);
    await waitUntil(() => notesOf(a).length === 0, 'the device drops its copy', { timeout: 30_000 });
    const fresh = await openPage({ url: server.url, room, token: await token(room, 'Per'), key: `${room}-fresh` });
    await waitForStatus(fresh.guide, 'refused');
    expect(notesOf(fresh)).to.have.length(0);
  });
});

describe('A live room and this device (real server on loopback)', function () {
  this.timeout(120_000);
  let server: Server;

  before(async () => {
    server = await startServer();
  });

  afterEach(() => closeAllPages());

  it('offers the notes this device kept before the guide was shared, and brings them in when asked', async () => {
    const room = freshRoom('offer');
    // The same guide, used locally before the kommune turned the room on.
    localStorage.setItem(
      room,
      JSON.stringify({
        format: 'innovasjon-guide',
        version: 2,
        notes: [{ id: 'local-1', cardId: 't1-mal', text: 'Skrevet før rommet', color: 'green', author: 'Kari', votes: [], createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() }],
        actions: [],
        participants: [],
        deleted: [],
      }),
    );
    try {
      const a = await openPage({ url: server.url, room, token: await token(room, 'Kari'), key: room });
      const b = await openPage({ url: server.url, room, token: await token(room, 'Ola'), key: `${room}-other` });
      await waitForStatus(a.guide, 'connected');
      // The offer's buttons move down a line as Ola's name joins the list above them: click once both are here.
      await waitUntil(() => guideHarness(a.guide).roomBar && guideHarness(a.guide).roomStatus && roomStatusOf(a).people.length === 2, 'both are here', { timeout: 30_000 });
      await waitUntil(() => roomStatusOf(a).bringInButton, 'the offer shows', { timeout: 30_000 });
      expect(roomStatusOf(a).offer!.textContent).to.contain('én lapp');
      expect(notesOf(b)).to.have.length(0);
      await clickIn(a, roomStatusOf(a).bringInButton!);
      await waitUntil(() => textsOf(b).includes('Skrevet før rommet'), 'the local note reaches the room', { timeout: 30_000 });
      expect(roomStatusOf(a).offer).to.equal(null);
      // Nothing was taken from the device's own copy.
      expect(localStorage.getItem(room)).to.contain('Skrevet før rommet');
      // Not offered again on the next visit.
      await a.reload();
      await waitForStatus(a.guide, 'connected');
      expect(roomStatusOf(a).offer).to.equal(null);
    } finally {
      for (const key of Object.keys(localStorage)) if (key.startsWith(room)) localStorage.removeItem(key);
    }
  });

  it('removes the room’s copy from this device on request, and leaves the room and the others alone', async () => {
    const { a, b, room } = await twoPages(server);
    a.guide.addNote('t1-mal', 'Felles lapp');
    await waitUntil(() => notesOf(b).length === 1, 'the note reaches the other page', { timeout: 30_000 });
    const databases = async () => (await indexedDB.databases()).map((each) => each.name ?? '');
    await waitUntil(async () => (await databases()).some((name) => name.endsWith(`#${room}`)), 'the device copy exists');
    await guideHarness(a.guide).openRoomMenu();
    await clickIn(a, guideHarness(a.guide).removeDeviceButton!);
    await waitUntil(() => guideHarness(a.guide).confirmRemoveButton, 'the removal asks once more');
    await clickIn(a, guideHarness(a.guide).confirmRemoveButton!);
    await waitUntil(() => notesOf(a).length === 0, 'the page no longer shows the room’s notes', { timeout: 30_000 });
    await waitUntil(async () => !(await databases()).some((name) => name.endsWith(`#${room}`)), 'the device copy is gone', {
      timeout: 30_000,
    });
    expect(roomStatusOf(a).statusLine!.textContent).to.contain('Fjernet fra denne enheten');
    b.guide.addNote('t1-mal', 'Ola skriver videre');
    expect(textsOf(b)).to.deep.equal(['Felles lapp', 'Ola skriver videre']);
  });
});
