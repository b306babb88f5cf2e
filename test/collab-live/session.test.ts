import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers.js';
import { clickIn, closeAllPages, engine, freshRoom, openPage, startServer, token, waitForStatus, type Page, type Server } from './rooms.js';

const trinnOf = (page: Page) => page.guide.shadowRoot!.querySelector('.sheet innovasjon-trinn');
const phaseLine = (page: Page) => trinnOf(page)?.shadowRoot!.querySelector('.phase')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const card = (page: Page, id: string) =>
  [...(trinnOf(page)?.shadowRoot!.querySelectorAll('innovasjon-kort') ?? [])].find((each) => (each as unknown as { card: { id: string } }).card.id === id)!;
const addButton = (page: Page, cardId: string) => card(page, cardId).shadowRoot!.querySelector<HTMLButtonElement>('button.add');
const voteButtons = (page: Page, cardId: string) =>
  [...card(page, cardId).shadowRoot!.querySelectorAll('refleksjon-lapp')].filter((lapp) => lapp.shadowRoot!.querySelector('button.vote-button'));
const inGuide = <T extends Element>(page: Page, selector: string) => page.guide.shadowRoot!.querySelector<T>(selector);
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
    expect(inGuide(participant, '.lead-toggle'), 'no «Led økten» for a participant').to.be.null;
    expect(inGuide(participant, '.take-lead'), 'no «Jeg leder økten» when the server checks tokens').to.be.null;

    await clickIn(leader, inGuide(leader, '.lead-toggle')!);
    await waitUntil(() => inGuide(leader, '.phase-panel'), 'the phase panel opens');
    const voteRadio = [...leader.guide.shadowRoot!.querySelectorAll('.phase-panel label')].find((label) => label.textContent!.includes('Stem'))!;
    await clickIn(leader, voteRadio.querySelector('input')!);
    await waitUntil(() => phaseLine(participant).includes('Fase: Stem.'), `the participant sees the phase (shows «${phaseLine(participant)}»)`, { timeout: 15_000 });
    expect(addButton(participant, 't2-forsta'), 'no new notes while voting').to.be.null;
    expect(voteButtons(participant, 't2-forsta')).to.have.length(1);
    expect(participant.window.events.filter((event) => event.type === 'innovasjon-phase-change').map((event) => event.detail)).to.deep.equal([
      { step: 2, phase: 'vote' },
    ]);
    expect(() => participant.guide.setPhase('write')).to.throw(/Only the facilitator/);

    // Past the API: the participant's page writes the session document itself. The server does not take it
    // (only that page's own copy holds it), so the others and a page opened later see the facilitator's phases.
    sessionDocOf(participant).getMap('session').set('tampered', 'Kari');
    leader.guide.setPhase('agree');
    const late = await openPage({ url: server.url, room, token: await token(room, 'Ola', { sub: 'ola' }) });
    await waitForStatus(late.guide, 'connected');
    await waitUntil(() => late.guide.session.phase !== null, 'the late page reads the session');
    expect(late.guide.session).to.deep.equal({ step: 2, phase: 'agree', notesWhileVoting: false, timer: null });
    expect(sessionDocOf(late).getMap('session').get('tampered'), 'the participant’s write never reached the server').to.be.undefined;
    expect(sessionDocOf(leader).getMap('session').get('tampered')).to.be.undefined;
  });

  it('participants follow the facilitator’s step; one goes alone and comes back', async () => {
    const { leader, participant } = await leaderAndParticipant(1);
    leader.guide.setPhase('write', { step: 3 });
    await waitUntil(() => participant.guide.step === 3, 'the participant follows to step 3', { timeout: 15_000 });
    expect(participant.window.events.some((event) => event.type === 'innovasjon-step-change')).to.be.true;
    expect(inGuide(participant, '.follow')!.textContent).to.contain('Du følger prosesslederen (trinn 3).');

    await clickIn(participant, inGuide(participant, '.follow-toggle')!);
    await waitUntil(() => inGuide(participant, '.follow')?.textContent?.includes('Du går på egen hånd.'), 'the participant goes alone');
    leader.guide.setPhase('write', { step: 4 });
    await waitUntil(() => participant.guide.session.step === 4, 'the session moves on');
    expect(participant.guide.step, 'going alone, the participant stays').to.equal(3);

    await clickIn(participant, inGuide(participant, '.follow-toggle')!);
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
    const shown = (page: Page) => trinnOf(page)?.shadowRoot!.querySelector('.phase .clock')?.textContent?.trim() ?? '';
    const seconds = (text: string) => Number(text.split(':')[0]) * 60 + Number(text.split(':')[1]);
    await waitUntil(() => shown(leader) && shown(participant), 'both screens show the time left', { timeout: 15_000 });
    const [a, b] = [seconds(shown(leader)), seconds(shown(participant))];
    expect(Math.abs(a - b), `${shown(leader)} and ${shown(participant)}, one device an hour off`).to.be.at.most(1);
    expect(b).to.be.within(50, 60);
    expect(trinnOf(participant)!.shadowRoot!.querySelector('.phase [role=timer]')).to.exist;

    leader.guide.startTimer(2, { endsPhase: true });
    await waitUntil(() => participant.guide.session.timer?.duration === 2000 && participant.guide.session.timer.startedAt > 0, 'the new timer arrives');
    leader.close(); // the facilitator's laptop goes to sleep
    await waitUntil(() => participant.guide.session.phase === 'share', 'the server ends the writing', { timeout: 15_000 });
    const spoken = () => participant.window.document.querySelector('[data-innovasjon-announcer]')?.textContent ?? '';
    await waitUntil(() => spoken().includes('Ny fase på trinn 2: Del og sorter.'), `the phase change is told (it says «${spoken()}»)`);
  });

  it('in open development mode a page takes the lead with «Jeg leder økten»; the others cannot', async () => {
    const open = await startServer(`open-${engine}`, { COLLAB_SECRET: '' });
    const room = freshRoom('apen');
    const [first, second] = await Promise.all([
      openPage({ url: open.url, room, token: '', step: 2 }),
      openPage({ url: open.url, room, token: '', step: 2 }),
    ]);
    await Promise.all([waitForStatus(first.guide, 'connected'), waitForStatus(second.guide, 'connected')]);
    await waitUntil(() => inGuide(first, '.take-lead'), '«Jeg leder økten» is offered');
    expect(inGuide(first, '.take-lead')!.textContent).to.contain('Bare for å prøve ut');
    await clickIn(first, inGuide(first, '.take-lead button')!);
    await waitUntil(() => first.guide.canLead && inGuide(first, '.lead-toggle'), 'the page leads');
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
