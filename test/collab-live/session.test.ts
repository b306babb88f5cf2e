import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { trinnHarness } from '../innovasjon-trinn/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';
import {
  cardOf,
  clickIn,
  closeAllPages,
  engine,
  freshRoom,
  hiddenLapps,
  openPage,
  sentText,
  startServer,
  token,
  trinnOf,
  waitForStatus,
  writeNote,
  type Page,
  type Server,
} from './rooms.js';

/** The step on the page's sheet, or null while it shows none. */
const sheet = (page: Page) => {
  const trinn = trinnOf(page);
  return trinn ? trinnHarness(trinn) : null;
};
const phaseLine = (page: Page) => sheet(page)?.phaseLine ?? '';
const card = cardOf;
const addButton = (page: Page, cardId: string) => kortHarness(card(page, cardId)).addButton;
const voteButtons = (page: Page, cardId: string) => kortHarness(card(page, cardId)).allLapps.filter((lapp) => harness(lapp).voteButton);
const inGuide = (page: Page) => guideHarness(page.guide);
const sessionDocOf = (page: Page) =>
  (page.guide as unknown as { guide: { room: { connection: { sessionDoc: { getMap(name: string): Map<string, unknown> } } } } }).guide.room.connection.sessionDoc;

describe('A led session in a live room (real server on loopback)', function () {
  this.timeout(120_000);
  let server: Server;

  before(async () => {
    server = await startServer();
  });

  afterEach(() => closeAllPages());

  async function leaderAndParticipant(step = 2) {
    const room = freshRoom('okt');
    const [leader, participant] = await Promise.all([
      openPage({ url: server.url, room, token: await token(room, 'Leder', { sub: 'leder', role: 'facilitator' }), step }),
      openPage({ url: server.url, room, token: await token(room, 'Kari', { sub: 'kari' }), step }),
    ]);
    await Promise.all([waitForStatus(leader.guide, 'connected'), waitForStatus(participant.guide, 'connected')]);
    await waitUntil(() => leader.guide.canLead, 'the facilitator’s token makes them lead');
    return { room, leader, participant };
  }

  it('the facilitator sets a phase; the participant’s controls follow the table, and the participant cannot change the session', async () => {
    const { room, leader, participant } = await leaderAndParticipant();
    leader.guide.addNote('t2-forsta', 'Innbyggerne');
    await waitUntil(() => participant.guide.data.notes.length === 1, 'the note reaches the participant');
    expect(participant.guide.canLead).to.be.false;
    expect(inGuide(participant).leadToggle, 'no «Led økten» for a participant').to.be.null;
    expect(inGuide(participant).takeLead, 'no «Jeg leder økten» when the server checks tokens').to.be.null;

    await clickIn(leader, inGuide(leader).leadToggle!);
    await waitUntil(() => inGuide(leader).phasePanel, 'the phase panel opens');
    const voteRadio = inGuide(leader).phasePanelLabel('Stem');
    await clickIn(leader, voteRadio.querySelector('input')!);
    await waitUntil(() => phaseLine(participant).includes('Fase: Stem.'), `the participant sees the phase (shows «${phaseLine(participant)}»)`, { timeout: 15_000 });
    expect(addButton(participant, 't2-forsta'), 'no new notes while voting').to.be.null;
    expect(voteButtons(participant, 't2-forsta')).to.have.length(1);
    expect(participant.window.events.filter((event) => event.type === 'innovasjon-phase-change').map((event) => event.detail)).to.deep.equal([
      { step: 2, phase: 'vote', hidden: false },
    ]);
    expect(() => participant.guide.setPhase('write')).to.throw(/Only the facilitator/);

    // Past the API: the participant's page writes the session document itself. The server does not take it
    // (only that page's own copy holds it), so the others and a page opened later see the facilitator's phases.
    sessionDocOf(participant).getMap('session').set('tampered', 'Kari');
    leader.guide.setPhase('agree');
    const late = await openPage({ url: server.url, room, token: await token(room, 'Ola', { sub: 'ola' }) });
    await waitForStatus(late.guide, 'connected');
    await waitUntil(() => late.guide.session.phase !== null, 'the late page reads the session');
    expect(late.guide.session).to.deep.equal({ step: 2, phase: 'agree', notesWhileVoting: false, hidden: false, timer: null });
    expect(sessionDocOf(late).getMap('session').get('tampered'), 'the participant’s write never reached the server').to.be.undefined;
    expect(sessionDocOf(leader).getMap('session').get('tampered')).to.be.undefined;
  });

  it('participants follow the facilitator’s step; one goes alone and comes back', async () => {
    const { leader, participant } = await leaderAndParticipant(1);
    leader.guide.setPhase('write', { step: 3 });
    await waitUntil(() => participant.guide.step === 3, 'the participant follows to step 3', { timeout: 15_000 });
    expect(participant.window.events.some((event) => event.type === 'innovasjon-step-change')).to.be.true;
    expect(inGuide(participant).follow!.textContent).to.contain('Du følger prosesslederen (trinn 3).');

    await clickIn(participant, inGuide(participant).followToggle);
    await waitUntil(() => inGuide(participant).follow?.textContent?.includes('Du går på egen hånd.'), 'the participant goes alone');
    leader.guide.setPhase('write', { step: 4 });
    await waitUntil(() => participant.guide.session.step === 4, 'the session moves on');
    expect(participant.guide.step, 'going alone, the participant stays').to.equal(3);

    await clickIn(participant, inGuide(participant).followToggle);
    await waitUntil(() => participant.guide.step === 4, 'following again, the participant joins the facilitator');
  });

  it('shows the same time left on every screen, whatever a device’s clock says, and the server ends the phase on time without the facilitator', async () => {
    const room = freshRoom('tid');
    const [leader, participant] = await Promise.all([
      openPage({ url: server.url, room, token: await token(room, 'Leder', { sub: 'leder', role: 'facilitator' }), step: 2 }),
      openPage({ url: server.url, room, token: await token(room, 'Kari', { sub: 'kari' }), step: 2, skew: 3_600_000 }),
    ]);
    await Promise.all([waitForStatus(leader.guide, 'connected'), waitForStatus(participant.guide, 'connected')]);
    await waitUntil(() => leader.guide.canLead, 'the facilitator leads');
    leader.guide.setPhase('write');
    leader.guide.startTimer(60);
    const shown = (page: Page) => sheet(page)?.phaseClock ?? '';
    const seconds = (text: string) => Number(text.split(':')[0]) * 60 + Number(text.split(':')[1]);
    await waitUntil(() => shown(leader) && shown(participant), 'both screens show the time left', { timeout: 15_000 });
    const [a, b] = [seconds(shown(leader)), seconds(shown(participant))];
    expect(Math.abs(a - b), `${shown(leader)} and ${shown(participant)}, one device an hour off`).to.be.at.most(1);
    expect(b).to.be.within(50, 60);
    expect(sheet(participant)!.timeLeft).to.exist;

    leader.guide.startTimer(2, { endsPhase: true });
    await waitUntil(() => participant.guide.session.timer?.duration === 2000 && participant.guide.session.timer.startedAt > 0, 'the new timer arrives');
    leader.close(); // the facilitator's laptop goes to sleep
    await waitUntil(() => participant.guide.session.phase === 'share', 'the server ends the writing', { timeout: 15_000 });
    const spoken = () => participant.window.document.querySelector('[data-innovasjon-announcer]')?.textContent ?? '';
    await waitUntil(() => spoken().includes('Ny fase på trinn 2: Del og sorter.'), `the phase change is told (it says «${spoken()}»)`);
  });

  it('hidden writing: counts only and no text leave the writer’s device until the reveal; then every note reaches everyone, also from a writer who was away', async () => {
    const room = freshRoom('skjult');
    const [leader, kari, ola] = await Promise.all([
      openPage({ url: server.url, room, key: `${room}-leder`, token: await token(room, 'Leder', { sub: 'leder', role: 'facilitator' }), step: 2 }),
      openPage({ url: server.url, room, key: `${room}-kari`, token: await token(room, 'Kari', { sub: 'kari' }), step: 2 }),
      openPage({ url: server.url, room, key: `${room}-ola`, token: await token(room, 'Ola', { sub: 'ola' }), step: 2 }),
    ]);
    await Promise.all([leader, kari, ola].map((page) => waitForStatus(page.guide, 'connected')));
    await waitUntil(() => leader.guide.canLead, 'the facilitator leads');
    leader.guide.setPhase('write', { hidden: true });
    await waitUntil(() => kari.guide.session.hidden && ola.guide.session.hidden, 'writing is hidden on every page');
    expect(kortHarness(card(kari, 't2-forsta')).hiddenWritingNote!.textContent).to.contain('De andre ser bare hvor mange du har skrevet');

    await writeNote(kari, 't2-forsta', 'Kari sin hemmelige lapp');
    await writeNote(ola, 't2-forsta', 'Ola skriver stille');
    expect(hiddenLapps(kari, 't2-forsta').map((lapp) => (lapp as unknown as { text: string }).text)).to.deep.equal(['Kari sin hemmelige lapp']);
    expect(harness(hiddenLapps(kari, 't2-forsta')[0]).renderedText).to.contain('Bare du ser denne ennå');
    const counts = (page: Page) => sheet(page)!.hiddenCounts;
    await waitUntil(() => counts(leader).includes('Kari: 1 lapp') && counts(leader).includes('Ola: 1 lapp'), `the facilitator sees counts (${counts(leader)})`);
    expect(leader.guide.data.notes, 'no text in the shared guide').to.deep.equal([]);
    expect(kari.guide.data.notes).to.deep.equal([]);
    expect(sentText(kari), 'none of the hidden text left Kari’s page').not.to.contain('hemmelige');

    // Ola's laptop goes to sleep before the reveal; Kari reloads.
    ola.close();
    await kari.reload();
    await waitForStatus(kari.guide, 'connected');
    await waitUntil(() => hiddenLapps(kari, 't2-forsta').length === 1, 'the hidden note survives a reload');
    expect(sentText(kari)).not.to.contain('hemmelige');

    leader.guide.reveal();
    await waitUntil(() => leader.guide.data.notes.some((note) => note.text === 'Kari sin hemmelige lapp'), 'Kari’s note reaches the facilitator', { timeout: 15_000 });
    expect(sentText(kari)).to.contain('Kari sin hemmelige lapp');
    await waitUntil(() => hiddenLapps(kari, 't2-forsta').length === 0, 'Kari holds nothing hidden any more');
    const reveals = () => leader.window.events.filter((event) => event.type === 'innovasjon-reveal').map((event) => event.detail as { count: number });
    expect(reveals().at(-1)).to.deep.equal({ step: 2, count: 1 });

    const back = await openPage({ url: server.url, room, key: `${room}-ola`, token: await token(room, 'Ola', { sub: 'ola' }), step: 2 });
    await waitForStatus(back.guide, 'connected');
    await waitUntil(() => leader.guide.data.notes.some((note) => note.text === 'Ola skriver stille'), 'Ola’s note arrives once Ola is back', { timeout: 15_000 });
    expect(reveals().at(-1)).to.deep.equal({ step: 2, count: 2 });

    await writeNote(kari, 't2-forsta', 'Skrevet etter at alt ble vist');
    await waitUntil(() => leader.guide.data.notes.some((note) => note.text === 'Skrevet etter at alt ble vist'), 'a note written after the reveal appears at once');
  });

  it('a note written without a name says what others can see, and reaches them with no author and another client id', async () => {
    const room = freshRoom('anonym');
    const [writer, reader] = await Promise.all([
      openPage({ url: server.url, room, key: `${room}-w`, token: await token(room, ''), step: 2 }),
      openPage({ url: server.url, room, key: `${room}-r`, token: await token(room, 'Leser'), step: 2 }),
    ]);
    await Promise.all([waitForStatus(writer.guide, 'connected'), waitForStatus(reader.guide, 'connected')]);
    const explained = () => kortHarness(card(writer, 't2-forsta')).anonymousWritingNote;
    expect(explained()!.className, 'read to a screen reader with the add button, shown while writing').to.equal('visually-hidden');
    const button = addButton(writer, 't2-forsta')!;
    writer.frame.focus();
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => explained()?.className === 'hidden-writing', 'the explanation shows while the note is written');
    expect(explained()!.textContent).to.contain('Den som drifter serveren, kan i prinsippet se hvilken tilkobling lappen kom fra');
    await sendKeys({ type: 'Uten navn' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => reader.guide.data.notes.length === 1, 'the note reaches the reader');
    expect(reader.guide.data.notes[0]).to.include({ text: 'Uten navn', author: '' });
    const roomDoc = (page: Page) =>
      (page.guide as unknown as { guide: { room: { connection: { doc: { clientID: number; getMap(name: string): Map<string, unknown> } } } } }).guide.room.connection.doc;
    const map = roomDoc(reader).getMap('notes').get(reader.guide.data.notes[0].id) as unknown as { _item: { id: { client: number } } };
    expect(map._item.id.client, 'not the writer’s client id').not.to.equal(roomDoc(writer).clientID);
  });

  it('while a facilitator is here, a participant deletes only their own notes and cannot replace the document; the facilitator can', async () => {
    const { room, leader, participant: kari } = await leaderAndParticipant();
    const ola = await openPage({ url: server.url, room, key: `${room}-ola`, token: await token(room, 'Ola', { sub: 'ola' }), step: 2 });
    await waitForStatus(ola.guide, 'connected');
    const fromOla = ola.guide.addNote('t2-forsta', 'Olas lapp', { author: 'Ola' });
    const fromKari = kari.guide.addNote('t2-forsta', 'Karis lapp', { author: 'Kari' });
    await waitUntil(() => kari.guide.data.notes.length === 2 && leader.guide.data.notes.length === 2, 'both notes everywhere');
    await waitUntil(() => kari.guide.othersNotesFixed, 'Kari’s page knows a facilitator is here');
    const lappOf = (page: Page, id: string) =>
      kortHarness(card(page, 't2-forsta')).lapp(id) as (HTMLElement & { noDelete: boolean }) | null;
    await waitUntil(() => lappOf(kari, fromOla.id)?.noDelete, 'Ola’s note offers Kari no Slett');
    expect(lappOf(kari, fromKari.id)!.noDelete, 'Kari deletes her own').to.be.false;
    expect(() => kari.guide.removeNote(fromOla.id)).to.throw(/Only the facilitator/);
    expect(() => (kari.guide.data = leader.guide.data)).to.throw(/Only the facilitator/);
    let refused: unknown;
    await kari.guide.importData(JSON.stringify(kari.guide.data), { mode: 'replace' }).catch((error: unknown) => (refused = error));
    expect((refused as Error)?.name).to.equal('SessionRoleError');
    kari.guide.removeNote(fromKari.id);
    await waitUntil(() => leader.guide.data.notes.length === 1, 'Kari’s own delete reaches everyone');
    leader.guide.removeNote(fromOla.id);
    await waitUntil(() => kari.guide.data.notes.length === 0, 'the facilitator may delete anyone’s');

    leader.close();
    await waitUntil(() => !kari.guide.othersNotesFixed, 'with the facilitator gone, everyone may again', { timeout: 45_000 });
  });

  it('in open development mode a page takes the lead with «Jeg leder økten»; the others cannot', async () => {
    const open = await startServer(`open-${engine}`, { COLLAB_SECRET: '', COLLAB_OPEN_MODE: '1' });
    const room = freshRoom('apen');
    const [first, second] = await Promise.all([
      openPage({ url: open.url, room, token: '', step: 2 }),
      openPage({ url: open.url, room, token: '', step: 2 }),
    ]);
    await Promise.all([waitForStatus(first.guide, 'connected'), waitForStatus(second.guide, 'connected')]);
    await waitUntil(() => inGuide(first).takeLead, '«Jeg leder økten» is offered');
    expect(inGuide(first).takeLead!.textContent).to.contain('Bare for å prøve ut');
    await clickIn(first, inGuide(first).takeLeadButton!);
    await waitUntil(() => first.guide.canLead && inGuide(first).leadToggle, 'the page leads');
    first.guide.setPhase('share');
    await waitUntil(() => second.guide.session.phase === 'share', 'the phase reaches the other page', { timeout: 15_000 });
    expect(second.guide.canLead).to.be.false;
    sessionDocOf(second).getMap('session').set('tampered', 'second');
    first.guide.setPhase('agree');
    const late = await openPage({ url: open.url, room, token: '', step: 2 });
    await waitForStatus(late.guide, 'connected');
    await waitUntil(() => late.guide.session.phase !== null, 'the late page reads the session');
    expect(late.guide.session.phase).to.equal('agree');
    expect(sessionDocOf(late).getMap('session').get('tampered')).to.be.undefined;
  });
});
