// Issue 24's page rules: the page keeps what people write, and nothing of a room lingers on the device.
// Real servers on loopback, iframes as other machines, a raw Yjs client as a rogue participant.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';
import {
  announced,
  clickIn,
  closeAllPages,
  freshRoom,
  hiddenLapps,
  roomStatusOf,
  openPage,
  rawClient,
  roomsCommand,
  sentText,
  startServer,
  stopServer,
  storeIntoRoom,
  token,
  waitForStatus,
  writeNote,
  type Page,
  type Server,
} from './rooms.js';

const textsOf = (page: Page) => page.guide.data.notes.map((note) => note.text).sort();
const hiddenTexts = (page: Page, cardId: string) => hiddenLapps(page, cardId).map((lapp) => (lapp as unknown as { text: string }).text);
/** The texts of the notes the room's document holds, as a client of the room reads them. */
const roomTexts = (doc: Y.Doc) => [...doc.getMap('notes').values()].map((value) => (value instanceof Y.Map ? value.get('text') : undefined));
/** Every localStorage key a page kept under its storage key (the tests give each page its own). */
const keptUnder = (key: string) => Object.keys(localStorage).filter((each) => each === key || each.startsWith(`${key}:`));
const nameField = (page: Page) => guideHarness(page.guide).nameField;
/** In a room the name waits in the bar's menu: opens it. */
const openMenu = (page: Page) => guideHarness(page.guide).openRoomMenu();

/** Types a name in «Navnet ditt», as a person does, and leaves the field. */
async function typeName(page: Page, name: string) {
  await openMenu(page);
  const field = nameField(page)!;
  page.frame.focus();
  field.focus();
  await waitUntil(() => guideHarness(page.guide).focused === field, 'the name field has focus');
  // The token's name may be there already (it signs notes by default, issue 22): typing replaces it, as a person selecting it would.
  field.select();
  await sendKeys({ type: name });
  await sendKeys({ press: 'Tab' });
  await waitUntil(() => field.value === name && localStorage.getItem(`${page.window.guide.storageKey}:participant`)?.includes(name), 'the name is remembered');
}

describe('Page rules (issue 24): what people write is kept, nothing of a room lingers (real server on loopback)', function () {
  this.timeout(180_000);
  let server: Server;

  before(async () => {
    server = await startServer();
  });

  afterEach(async () => {
    closeAllPages();
    // A test that failed while its server was stopped leaves it running for the next.
    server = await startServer();
  });

  async function leaderAndKari(name: string) {
    const room = freshRoom(name);
    const key = `${room}-kari`;
    const [leader, kari] = await Promise.all([
      openPage({ url: server.url, room, key: `${room}-leder`, token: await token(room, 'Leder', { sub: 'leder', role: 'facilitator' }), step: 2 }),
      openPage({ url: server.url, room, key, token: await token(room, 'Kari', { sub: 'kari' }), step: 2 }),
    ]);
    await Promise.all([waitForStatus(leader.guide, 'connected'), waitForStatus(kari.guide, 'connected')]);
    await waitUntil(() => leader.guide.canLead, 'the facilitator leads');
    return { room, key, leader, kari };
  }

  it('M2: a room this page cannot write (meta.schema 99) is said at once; edits stay on the device through a reload and go into the room when it can be written again', async () => {
    const room = freshRoom('schema');
    const kari = await openPage({ url: server.url, room, key: `${room}-kari`, token: await token(room, 'Kari', { sub: 'kari' }) });
    await waitForStatus(kari.guide, 'connected');
    await writeNote(kari, 't1-mal', 'Før låsen');
    let rogue = await rawClient(server, room);
    await waitUntil(() => roomTexts(rogue.doc).includes('Før låsen'), 'the first note is in the room');

    // A room a newer version of the guide wrote (schema 99): this server refuses that from any client (issue 24, M1),
    // so the newer data is put into its storage while it is stopped, as a newer server would have stored it.
    const newer = new Y.Doc();
    Y.applyUpdate(newer, Y.encodeStateAsUpdate(rogue.doc));
    const known = Y.encodeStateVector(newer);
    newer.getMap('meta').set('schema', 99); // over the room's own value, so it wins
    rogue.provider.destroy();
    await stopServer();
    await storeIntoRoom(room, Y.encodeStateAsUpdate(newer, known));
    server = await startServer();
    rogue = await rawClient(server, room);
    const readOnlyLine = () => roomStatusOf(kari).readOnlyNote?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    await waitUntil(() => readOnlyLine().includes('kan ikke skrive i rommet'), `the page says at once that it cannot write (it says «${readOnlyLine()}»)`);
    await waitUntil(() => announced(kari).includes('kan ikke skrive i rommet'), 'and tells a screen reader');
    expect(readOnlyLine()).to.contain('lagres på denne enheten');

    await writeNote(kari, 't1-mal', 'Skrevet mens rommet er låst');
    const before = kari.guide.data.notes.find((note) => note.text === 'Før låsen')!;
    kari.guide.updateNote(before.id, { text: 'Endret mens rommet er låst' });
    expect(textsOf(kari)).to.deep.equal(['Endret mens rommet er låst', 'Skrevet mens rommet er låst']);
    expect(sentText(kari), 'nothing written into a room this page cannot write').not.to.contain('mens rommet er låst');

    await kari.reload();
    await waitForStatus(kari.guide, 'connected');
    await waitUntil(
      () => textsOf(kari).join('|') === 'Endret mens rommet er låst|Skrevet mens rommet er låst',
      `the edits are still on the page after a reload (it shows ${JSON.stringify(textsOf(kari))})`,
      { timeout: 30_000 },
    );
    await waitUntil(() => readOnlyLine().includes('kan ikke skrive i rommet'), 'and it still says why');
    expect(roomTexts(rogue.doc)).to.deep.equal(['Før låsen']);

    // Someone puts the room back to a version this page writes: what the person wrote goes in.
    rogue.doc.getMap('meta').set('schema', 1);
    await waitUntil(
      () => roomTexts(rogue.doc).sort().join('|') === 'Endret mens rommet er låst|Skrevet mens rommet er låst',
      `the edits reach the room (it holds ${JSON.stringify(roomTexts(rogue.doc))})`,
      { timeout: 30_000 },
    );
    await waitUntil(() => !roomStatusOf(kari).readOnlyNote, 'the page no longer says it cannot write');
    await waitUntil(() => announced(kari).includes('tar imot endringer igjen'), 'and says so');
    expect(keptUnder(`${room}-kari`).filter((key) => key.includes(':held:')), 'nothing held back any more').to.deep.equal([]);
    rogue.provider.destroy();
  });

  it('M4: after a reload while offline, a new note stays on the device until the room’s session is known, and stays there while writing is hidden', async () => {
    const { leader, kari } = await leaderAndKari('ukjent');
    leader.guide.setPhase('write', { hidden: true });
    await waitUntil(() => kari.guide.session.hidden, 'writing is hidden on Kari’s page');

    await stopServer();
    await waitForStatus(kari.guide, 'offline');
    await kari.reload();
    await writeNote(kari, 't2-forsta', 'Skrevet før økten er kjent');
    expect(hiddenTexts(kari, 't2-forsta'), 'kept as a hidden note is').to.deep.equal(['Skrevet før økten er kjent']);
    expect(kari.guide.data.notes, 'not in the shared guide').to.deep.equal([]);
    expect(harness(hiddenLapps(kari, 't2-forsta')[0]).renderedText).to.contain('Bare du ser denne ennå');

    server = await startServer();
    await Promise.all([waitForStatus(kari.guide, 'connected', 60_000), waitForStatus(leader.guide, 'connected', 60_000)]);
    await waitUntil(() => kari.guide.session.hidden, 'Kari’s page learns that writing is hidden', { timeout: 30_000 });
    expect(hiddenTexts(kari, 't2-forsta')).to.deep.equal(['Skrevet før økten er kjent']);
    expect(sentText(kari), 'the text never left Kari’s page').not.to.contain('før økten er kjent');
    expect(leader.guide.data.notes).to.deep.equal([]);

    leader.guide.reveal();
    await waitUntil(() => textsOf(leader).includes('Skrevet før økten er kjent'), 'the note reaches everyone at the reveal', { timeout: 30_000 });
    await waitUntil(() => hiddenLapps(kari, 't2-forsta').length === 0, 'Kari holds nothing hidden any more');
  });

  it('M4: a note written before the session is known goes to the room once it is known and writing is not hidden', async () => {
    const room = freshRoom('kjent');
    const kari = await openPage({ url: server.url, room, key: `${room}-kari`, token: await token(room, 'Kari', { sub: 'kari' }), step: 2 });
    await waitForStatus(kari.guide, 'connected');
    await stopServer();
    await waitForStatus(kari.guide, 'offline');
    await kari.reload();
    await writeNote(kari, 't2-forsta', 'Skrevet frakoblet');
    expect(hiddenTexts(kari, 't2-forsta')).to.deep.equal(['Skrevet frakoblet']);
    expect(kari.guide.data.notes).to.deep.equal([]);

    server = await startServer();
    await waitForStatus(kari.guide, 'connected', 60_000);
    await waitUntil(() => textsOf(kari).includes('Skrevet frakoblet'), 'the note is in the shared guide once the session is known', { timeout: 30_000 });
    expect(hiddenLapps(kari, 't2-forsta')).to.have.length(0);
    const ola = await openPage({ url: server.url, room, key: `${room}-ola`, token: await token(room, 'Ola', { sub: 'ola' }), step: 2 });
    await waitUntil(() => textsOf(ola).includes('Skrevet frakoblet'), 'and reaches the others', { timeout: 30_000 });
  });

  it('M5: «Fjern fra denne enheten» removes the hidden notes, one’s own note ids, the room’s keys and the name; the next person cannot publish them', async () => {
    const { room, key, leader, kari } = await leaderAndKari('fjern');
    await typeName(kari, 'Kari Nordmann');
    await writeNote(kari, 't2-forsta', 'Kari sin vanlige lapp');
    leader.guide.setPhase('write', { hidden: true });
    await waitUntil(() => kari.guide.session.hidden, 'writing is hidden');
    await writeNote(kari, 't2-forsta', 'Kari sin hemmelige lapp');
    // What the guide keeps for this room on the device, beside the IndexedDB copy.
    await waitUntil(() => keptUnder(key).some((each) => each.includes(':hidden:')), 'the hidden note is on the device');
    expect(keptUnder(key).some((each) => each.includes(':own:'))).to.be.true;
    expect(keptUnder(key)).to.include(`${key}:participant`);

    await openMenu(kari);
    await clickIn(kari, guideHarness(kari.guide).removeDeviceButton!);
    await waitUntil(() => guideHarness(kari.guide).confirmRemoveButton, 'the removal asks once more');
    expect(guideHarness(kari.guide).removeQuestion.textContent).to.contain('navnet');
    await clickIn(kari, guideHarness(kari.guide).confirmRemoveButton!);
    await waitUntil(() => kari.guide.data.notes.length === 0, 'the page no longer shows the room’s notes', { timeout: 30_000 });
    await waitUntil(() => keptUnder(key).length === 0, `nothing of the room is left in localStorage (${JSON.stringify(keptUnder(key))})`);
    expect(hiddenLapps(kari, 't2-forsta')).to.have.length(0);
    await openMenu(kari);
    expect(nameField(kari)!.value, 'the name is forgotten on the page too').to.equal('');

    // The next person at this PC opens the same guide and room.
    kari.close();
    const next = await openPage({ url: server.url, room, key, token: await token(room, 'Ola', { sub: 'ola' }), step: 2 });
    await waitForStatus(next.guide, 'connected');
    await waitUntil(() => guideHarness(next.guide).roomBar, 'the room bar shows');
    await openMenu(next);
    // Not Kari's: the field holds the next person's own token name, which signs notes by default (issue 22).
    await waitUntil(() => nameField(next)!.value === 'Ola', `the next person's field holds their own token's name (it holds «${nameField(next)!.value}»)`);
    expect(hiddenLapps(next, 't2-forsta')).to.have.length(0);
    leader.guide.reveal();
    await waitUntil(() => !next.guide.session.hidden, 'the next person’s page sees the reveal', { timeout: 30_000 });
    await writeNote(next, 't2-forsta', 'Ola etter avsløringen');
    await waitUntil(() => textsOf(leader).includes('Ola etter avsløringen'), 'the next person’s note arrives', { timeout: 30_000 });
    expect(textsOf(leader), 'the previous person’s hidden note was not published').not.to.include('Kari sin hemmelige lapp');
  });

  it('M5: a deleted room removes the same from the device', async () => {
    const { room, key, leader, kari } = await leaderAndKari('slettet');
    await typeName(kari, 'Kari Nordmann');
    await writeNote(kari, 't2-forsta', 'Kari sin vanlige lapp');
    leader.guide.setPhase('write', { hidden: true });
    await waitUntil(() => kari.guide.session.hidden, 'writing is hidden');
    await writeNote(kari, 't2-forsta', 'Kari sin hemmelige lapp');
    await waitUntil(() => keptUnder(key).some((each) => each.includes(':hidden:')), 'the hidden note is on the device');

    const result = await roomsCommand(['delete', room]);
    expect(result.code, result.stdout).to.equal(0);
    await waitForStatus(kari.guide, 'refused');
    await waitUntil(() => keptUnder(key).length === 0, `nothing of the room is left in localStorage (${JSON.stringify(keptUnder(key))})`, { timeout: 30_000 });
    expect(hiddenLapps(kari, 't2-forsta')).to.have.length(0);
    expect(kari.guide.data.notes).to.deep.equal([]);
  });
});
