import { expect } from '@open-wc/testing';
import type { GuideDocument } from '../../src/store/types.js';
import { waitUntil } from '../helpers.js';
import { closeAllPages, freshRoom, openPage, startServer, token, waitForStatus, type Page, type Server } from './rooms.js';

const loads = (page: Page) => page.window.events.filter((event) => event.type === 'innovasjon-load').map((event) => (event.detail as { data: GuideDocument }).data);
const texts = (document: GuideDocument) => document.notes.map((note) => note.text).sort();
const addsOf = (page: Page) => page.window.events.filter((event) => event.type === 'innovasjon-note-add');

// `innovasjon-load` in a live room: sent once, when the room has first synced with the server, with
// the room's notes; what was in the room then is loaded, not added; later changes are changes.
describe('innovasjon-load in a live room (real server on loopback)', function () {
  this.timeout(120_000);
  let server: Server;

  before(async () => {
    server = await startServer();
  });

  after(() => closeAllPages());

  it('a page opening a room hears the room as it holds it, once, and changes after that as changes', async () => {
    const room = freshRoom('load');
    const kari = await openPage({ url: server.url, room, token: await token(room, 'Kari', { sub: 'kari' }) });
    await waitForStatus(kari.guide, 'connected');
    await waitUntil(() => loads(kari).length === 1, 'the first page hears the (empty) room load', { timeout: 30_000 });
    expect(texts(loads(kari)[0])).to.deep.equal([]);
    kari.guide.addNote('t1-mal', 'Kortere ventetid');
    kari.guide.addNote('t1-team', 'Hvem mangler?');

    const ola = await openPage({ url: server.url, room, token: await token(room, 'Ola', { sub: 'ola' }) });
    await waitUntil(() => loads(ola).length === 1, 'the second page hears the room load', { timeout: 30_000 });
    expect(texts(loads(ola)[0])).to.deep.equal(['Hvem mangler?', 'Kortere ventetid']);
    expect(texts(loads(ola)[0])).to.deep.equal(texts(ola.guide.data));
    expect(addsOf(ola), 'the notes already in the room are loaded, not added').to.deep.equal([]);

    kari.guide.addNote('t1-mal', 'Bedre samarbeid');
    await waitUntil(() => addsOf(ola).length === 1, 'a note written afterwards reaches the second page as an addition', { timeout: 30_000 });
    expect(loads(ola)).to.have.length(1);

    await ola.reload();
    await waitUntil(() => loads(ola).length === 1, 'the reloaded page hears the room load again', { timeout: 30_000 });
    expect(texts(loads(ola)[0])).to.deep.equal(['Bedre samarbeid', 'Hvem mangler?', 'Kortere ventetid']);
    expect(loads(kari), 'the first page heard one load only').to.have.length(1);
  });
});
