// Issue 22, the proof through two instances sharing one database (PostgreSQL, Redis; real processes), from the
// page: a reload resumes the lead (on the other instance when the room's own is stopped), the hand-over link
// moves it to a page on the other instance; with Redis away, creation and code joins fail closed while a join
// by link goes on; wrong codes are refused up to the README's limit per address, counted across both instances;
// past the total (set small), code joins slow down, one at a time per address across both, but never lock.
// Each machine is an iframe with its own storage key, as another browser would have.
import { expect } from '@open-wc/testing';
import { roomOrder } from '../../src/collab/room-order.js';
import { readCredential } from '../../src/sources/workshop-credentials.js';
import { waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { workshopHarness } from './harness.js';
import { closeAllPages, secretsInLog, serverReady, startServer, startService, stopServer, stopService, waitForStatus, type Server } from './rooms.js';
import {
  errorsOf,
  expectAccessible,
  expectNoLeak,
  found,
  inGuide,
  joinByLink,
  joinRefusal,
  openMachine,
  opened,
  pressWithKeyboard,
  readmeFigures,
  roomSocketPort,
  startInstances,
  stopInstances,
  typeCode,
  type Instances,
  type WorkshopPage,
} from './workshop-machines.js';
import type { StartedRoom } from '../../src/internal/workshop-hook.js';

const HOUR = 3_600_000;
/** Failed code joins are counted per fixed hour (server/README.md): waits for an hour with room for a whole test, and returns it. */
async function anHourWithRoom(): Promise<number> {
  await waitUntil(() => HOUR - (Date.now() % HOUR) > 120_000, 'an hour with two minutes left', { timeout: 130_000, interval: 1_000 });
  return Math.floor(Date.now() / HOUR);
}
/** The invitation in a link (what must never reach a log). */
const invitationOf = (link: string) => decodeURIComponent(link.split('#innovasjon-join=')[1]);
/** The facilitator's controls in the room bar: «Del økta» and «Deltakere». */
const leadsHere = (page: WorkshopPage) => page.guide.canLead && Boolean(guideHarness(page.guide).roomBar && inGuide(page, '.share-toggle') && inGuide(page, '.people-toggle'));

/** A room started on a page that knows both instances, and a page on each instance offering «Bli med med kode». */
async function startedWithCodePages(a: Server, b: Server) {
  const lead = await openMachine(a, { urls: [a, b] });
  await found(lead, '.start-room', '«Start en felles økt»');
  const started = await lead.guide.startRoom();
  const onA = await openMachine(a);
  const onB = await openMachine(b);
  for (const page of [onA, onB]) await found(page, '.workshop-join input[name=code]', 'the page offers «Bli med med kode»');
  return { lead, started, onA, onB };
}

describe('The lead, Redis away and the failure limits through two instances sharing one database (PostgreSQL and Redis, real processes)', function () {
  this.timeout(300_000);
  let instances: Instances;
  /** The instances as [name, server], A first. */
  const both = () => [...instances.servers] as [string, Server][];

  before(async () => {
    instances = await startInstances('instances');
  });
  afterEach(() => {
    for (const page of [...opened]) page.close();
    closeAllPages();
  });
  after(() => stopInstances(instances));

  it('a reload resumes the lead, on the other instance when the room’s own is stopped; the hand-over link moves the lead to a page on the other instance, and the old page loses the controls', async () => {
    const [[nameA, a], [, b]] = both();
    // A room that meets on A (its name orders A first: src/collab/room-order.ts), the instance the page names first
    // (it names the device's credential, and the workshop's requests go there first): stopping A then moves everything.
    let page: WorkshopPage | undefined;
    let room: StartedRoom | undefined;
    for (let tries = 0; !room || roomOrder([a.url, b.url], room.room)[0] !== a.url; tries++) {
      if (tries === 20) throw new Error('20 rooms in a row met on B');
      page?.close();
      page = await openMachine(a, { urls: [a, b] });
      await found(page, '.start-room', '«Start en felles økt»');
      room = await page.guide.startRoom();
    }
    const [lead, started] = [page!, room!];
    await waitForStatus(lead.guide, 'connected');
    await waitUntil(() => leadsHere(lead), 'the page that started the room leads it', { timeout: 30_000 });
    expect(roomSocketPort(lead), 'the room meets on A').to.equal(a.port);

    // Kari joins by the link on a page that names the other instance only: she sees what the lead does.
    const kari = await joinByLink(b, started.link, 'Kari');
    await waitForStatus(kari.guide, 'connected');

    await lead.reload();
    await waitForStatus(lead.guide, 'connected');
    await waitUntil(() => leadsHere(lead), 'the reloaded page leads again', { timeout: 30_000 });
    lead.guide.setPhase('share', { step: 1 });
    await waitUntil(() => kari.guide.session.phase === 'share', 'the reloaded lead’s phase reaches Kari on the other instance', { timeout: 30_000 });

    // Instance A stops: the reloaded page resumes the lead through the other one.
    await stopServer(nameA);
    try {
      await lead.reload();
      await waitForStatus(lead.guide, 'connected', 60_000);
      await waitUntil(() => leadsHere(lead), 'the page reloaded while instance A is down leads again', { timeout: 30_000 });
      expect(roomSocketPort(lead), 'it is in the room on the other instance').to.equal(b.port);
      // «Del økta» asks the room's state (a request with a fresh proof) of B: the code shows again.
      await pressWithKeyboard(lead, inGuide<HTMLButtonElement>(lead, '.share-toggle')!, '«Del økta»');
      await waitUntil(() => inGuide(lead, '.share-panel .join-code')?.textContent?.trim() === started.code, 'the share panel shows the code again', { timeout: 30_000 });
      expect(inGuide(lead, '.share-panel .no-link'), 'the link is not kept: «Lag ny lenke» makes a new one').to.exist;
      await expectAccessible(lead);
      lead.guide.setPhase('vote', { step: 1 });
      await waitUntil(() => kari.guide.session.phase === 'vote', 'the lead’s phase reaches Kari', { timeout: 30_000 });
    } finally {
      instances.servers.set(nameA, await startServer(nameA, instances.env));
    }
    const leadCredential = (await readCredential(a.url, lead.key))!.credential;

    // «Gi ledelsen videre» from the keyboard; the link opened on a page that names only the instance the lead is not on.
    await guideHarness(lead.guide).openRoomMenu();
    await pressWithKeyboard(lead, await found<HTMLButtonElement>(lead, '#room-menu .hand-over', '«Gi ledelsen videre»'), '«Gi ledelsen videre»');
    const handOver = (await found(lead, '.hand-over-panel .handover-link', 'the hand-over link')).textContent!.trim();
    const leadOn = roomSocketPort(lead);
    const [projectorName, projectorServer] = both().find(([, server]) => server.port !== leadOn)!;
    const projector = await joinByLink(projectorServer, handOver, 'Prosjektor');
    await waitForStatus(projector.guide, 'connected');
    await waitUntil(() => leadsHere(projector), 'the projector leads', { timeout: 30_000 });
    expect(roomSocketPort(projector), 'on the instance it names').to.equal(projectorServer.port);
    expect(projectorServer.port, 'not the old lead’s').not.to.equal(leadOn);
    expect((await readCredential(projectorServer.url, projector.key))?.role).to.equal('facilitator');
    // The old page, on the other instance, loses the room and the facilitator's controls, and says why.
    await waitUntil(() => lead.guide.collabRoom === undefined && !guideHarness(lead.guide).roomBar, 'the old page no longer leads the room', { timeout: 30_000 });
    await waitUntil(() => inGuide(lead, '.workshop-error')?.textContent?.includes('Ledelsen er gitt videre'), 'and says why', { timeout: 30_000 });
    expect(inGuide(lead, '.share-toggle'), 'no «Del økta»').to.be.null;
    expect(inGuide(lead, '.people-toggle'), 'no «Deltakere»').to.be.null;
    expect(await readCredential(a.url, lead.key), 'its credential left the device').to.be.undefined;
    await expectAccessible(lead);
    // The link worked once: opened again on the other instance, it is refused as used.
    const [, otherServer] = both().find(([name]) => name !== projectorName)!;
    const late = await openMachine(otherServer);
    await found(late, '.workshop-join input[name=code]', 'the page offers «Bli med med kode»');
    expect(await joinRefusal(late, handOver, 'Sen'), 'the hand-over link used twice').to.equal('invitation-used');
    // The new lead sets a phase once its page holds the session document, as its controls wait for it.
    await waitUntil(() => guideHarness(projector.guide).roomStatus?.room?.session.ready, 'the projector has the session', { timeout: 30_000 });
    projector.guide.setPhase('agree', { step: 1 });
    try {
      await waitUntil(() => kari.guide.session.phase === 'agree', 'the new lead’s phase reaches Kari', { timeout: 30_000 });
    } catch (error) {
      const seen = (page: WorkshopPage) =>
        `${page.guide.session.phase} (status ${guideHarness(page.guide).roomStatus?.room?.state.status}, session ${guideHarness(page.guide).roomStatus?.room?.session.ready ? 'synced' : 'not synced'}, port ${roomSocketPort(page)})`;
      throw new Error(`${(error as Error).message}: the projector holds ${seen(projector)}, Kari ${seen(kari)}`);
    }
    // Reloaded, the old page offers a start of its own: the lead does not come back.
    await lead.reload();
    await found(lead, '.start-room', '«Start en felles økt» again');
    expect(lead.guide.collabRoom).to.be.undefined;

    // Neither invitations nor credentials reached either instance's log, nor Kari's or the projector's page but its credential store.
    const kariCredential = (await readCredential(b.url, kari.key))!.credential;
    const projectorCredential = (await readCredential(projectorServer.url, projector.key))!.credential;
    expectNoLeak(kari, [invitationOf(started.link), kariCredential, invitationOf(handOver), projectorCredential, leadCredential], 'Kari, on B');
    expectNoLeak(projector, [invitationOf(handOver), projectorCredential, invitationOf(started.link), kariCredential, leadCredential], 'the projector');
    const secrets = [invitationOf(started.link), invitationOf(handOver), leadCredential, kariCredential, projectorCredential];
    for (const [name] of both()) expect(await secretsInLog(secrets, name), `secrets in the log of ${name === projectorName ? 'the projector’s' : 'the other'} instance`).to.deep.equal([]);
  });

  it('with Redis away, «Start en felles økt» and a code join fail closed with their reason on the page while a join by link goes on, and a removal still reaches the other instance; Redis back, a code join works again', async () => {
    const [[nameA, a], [nameB, b]] = both();
    const lead = await openMachine(a, { urls: [a, b] });
    await found(lead, '.start-room', '«Start en felles økt»');
    const started = await lead.guide.startRoom();
    await waitForStatus(lead.guide, 'connected');
    const starter = await openMachine(b, { urls: [b, a] });
    const start = await found<HTMLButtonElement>(starter, '.start-room', '«Start en felles økt»');
    const guest = await openMachine(a);
    await found(guest, '.workshop-join input[name=code]', 'the page offers «Bli med med kode»');
    const ready = async (status: number) => (await Promise.all([nameA, nameB].map((name) => serverReady(name)))).every((each) => each === status);

    await stopService('redis', instances.services);
    try {
      await waitUntil(() => ready(503), 'both instances find Redis away', { timeout: 30_000 });
      await pressWithKeyboard(starter, start, '«Start en felles økt»');
      await waitUntil(() => errorsOf(starter).length > 0, 'the start is refused', { timeout: 30_000 });
      expect(errorsOf(starter).map((each) => each.code)).to.deep.equal(['collab-start-refused']);
      expect(errorsOf(starter)[0].message).to.contain('unavailable');
      await waitUntil(() => inGuide(starter, '.workshop-error')?.textContent?.includes('Prøv igjen om litt'), 'the page says to try again', { timeout: 30_000 });
      expect(starter.guide.collabRoom, 'no room started').to.be.undefined;
      expect(await readCredential(b.url, starter.key)).to.be.undefined;
      await expectAccessible(starter);

      await typeCode(guest, started.code!, 'Ola');
      await waitUntil(() => errorsOf(guest).length > 0, 'the code join is refused', { timeout: 30_000 });
      expect(errorsOf(guest).map((each) => each.code)).to.deep.equal(['collab-join-refused']);
      expect(errorsOf(guest)[0].message).to.contain('unavailable');
      await waitUntil(() => inGuide(guest, '.workshop-error')?.textContent?.includes('Prøv igjen om litt'), 'the form says to try again', { timeout: 30_000 });
      expect(guest.guide.collabRoom).to.be.undefined;

      // The link goes on, on the other instance.
      const kari = await joinByLink(b, started.link, 'Kari');
      await waitForStatus(kari.guide, 'connected');
      const { role, sub } = (await readCredential(b.url, kari.key))!;
      expect(role).to.equal('participant');

      // A removal still reaches every instance: the lead's request goes to A, and B, with no news through Redis,
      // finds the revocation in the database (each instance checks it every 5 seconds: server/README.md).
      await lead.guide.workshop!.removeParticipant(sub);
      await waitUntil(() => inGuide(kari, '.workshop-error')?.textContent?.includes('Du er tatt ut av økta'), 'Kari’s page on B is told', { timeout: 30_000 });
      expect(await readCredential(b.url, kari.key), 'her credential left the device').to.be.undefined;
    } finally {
      await startService('redis', instances.services);
    }
    await waitUntil(() => ready(200), 'both instances find Redis back', { timeout: 30_000 });
    // The counters' own connection comes back within its retry (at most 2 s): until then a join is refused as unavailable only.
    const answers: string[] = [];
    await waitUntil(
      async () => {
        answers.push(await joinRefusal(guest, started.code!, 'Ola'));
        return answers.at(-1) === 'joined';
      },
      'a code join works again',
      { timeout: 30_000, interval: 250 },
    );
    expect(answers.slice(0, -1).every((answer) => answer === 'unavailable'), `refused only as unavailable meanwhile (${answers.join()})`).to.be.true;
    await waitForStatus(guest.guide, 'connected');
  });

  it('wrong codes typed on either instance are refused as unknown up to the README’s limit per address, then even the right code is refused as too many; a join by link from the same address goes on', async () => {
    const { failuresPerAddress } = await readmeFigures();
    expect(failuresPerAddress).to.be.at.least(2);
    const hour = await anHourWithRoom();
    const [[, a], [, b]] = both();
    const { started, onA, onB } = await startedWithCodePages(a, b);

    // This browser is one address: its failures count together on both instances (the counters live in Redis).
    for (let failure = 0; failure < failuresPerAddress; failure++) {
      const page = failure % 2 ? onB : onA;
      if (failure < 2) {
        // The first on each instance typed into the form, as a person does.
        const before = errorsOf(page).length;
        await typeCode(page, 'ZZZZ-ZZZZ');
        await waitUntil(() => errorsOf(page).length > before, 'the typed code is refused', { timeout: 30_000 });
        expect(errorsOf(page).at(-1)!.message).to.contain('code-unknown');
        await waitUntil(() => inGuide(page, '.workshop-error')?.textContent?.includes('Koden finnes ikke'), 'the form says why', { timeout: 30_000 });
      } else expect(await joinRefusal(page, 'ZZZZ-ZZZZ'), `failure ${failure + 1}`).to.equal('code-unknown');
    }
    expect(await joinRefusal(onA, started.code!), 'the right code, past the limit, on A').to.equal('code-attempts-exceeded');
    const before = errorsOf(onB).length;
    await typeCode(onB, started.code!);
    await waitUntil(() => errorsOf(onB).length > before, 'the right code typed on B is refused', { timeout: 30_000 });
    expect(errorsOf(onB).at(-1)!.message).to.contain('code-attempts-exceeded');
    await waitUntil(() => inGuide(onB, '.workshop-error')?.textContent?.includes('For mange forsøk med feil kode herfra'), 'the form says there were too many wrong codes', { timeout: 30_000 });
    await waitUntil(() => workshopHarness(onB.guide).focused === inGuide(onB, '.workshop-join input[name=code]'), 'focus is back in the code field');
    await expectAccessible(onB);
    expect(Math.floor(Date.now() / HOUR), 'all in one hour window').to.equal(hour);
    for (const page of [onA, onB]) expect(page.guide.collabRoom).to.be.undefined;

    // Link joins are never counted: the same address joins by the link on both instances.
    expect(await joinRefusal(onA, started.link, 'Per')).to.equal('joined');
    await waitForStatus(onA.guide, 'connected');
    const kari = await joinByLink(b, started.link, 'Kari');
    await waitForStatus(kari.guide, 'connected');
  });
});

describe('Past the total of failed code joins (JOIN_CODE_FAILURES_TOTAL=3, the README’s setting set small; two instances, one Redis)', function () {
  this.timeout(300_000);
  const TOTAL = 3;
  let instances: Instances;

  before(async () => {
    instances = await startInstances('slowdown', { JOIN_CODE_FAILURES_TOTAL: String(TOTAL) });
  });
  afterEach(() => {
    for (const page of [...opened]) page.close();
    closeAllPages();
  });
  after(() => stopInstances(instances));

  it('code joins slow down, one at a time per address across both instances, and still succeed; a join by link goes on', async () => {
    const { failuresPerAddress, failuresTotal } = await readmeFigures();
    expect(TOTAL, 'set below the README’s total').to.be.below(failuresTotal);
    expect(TOTAL + 2, 'this address stays within its own limit').to.be.at.most(failuresPerAddress);
    const hour = await anHourWithRoom();
    const [[, a], [, b]] = [...instances.servers];
    const { started, onA, onB } = await startedWithCodePages(a, b);
    for (let failure = 0; failure < TOTAL; failure++) expect(await joinRefusal(failure % 2 ? onB : onA, 'ZZZZ-ZZZZ'), `failure ${failure + 1}`).to.equal('code-unknown');

    // Past the total: two joins at once from this address, one through each instance. One waits its turn and its
    // answer comes after a second; the other is told to slow down (the turn is taken in Redis, shared by both).
    const timed = async (page: WorkshopPage, name: string) => {
      const began = performance.now();
      const answer = await joinRefusal(page, started.code!, name);
      return { page, answer, ms: performance.now() - began };
    };
    const answers = await Promise.all([timed(onA, 'Ola'), timed(onB, 'Kari')]);
    expect(answers.map(({ answer }) => answer).sort(), 'one joins, one is told to slow down').to.deep.equal(['joined', 'slow-down']);
    const joined = answers.find(({ answer }) => answer === 'joined')!;
    const slowed = answers.find(({ answer }) => answer === 'slow-down')!;
    expect(joined.ms, 'the join is answered after a second').to.be.at.least(950);
    expect(errorsOf(slowed.page).at(-1)!.message).to.contain('slow-down');
    await waitForStatus(joined.page.guide, 'connected');
    // Never locked: alone, the other joins too (still after a second).
    const again = await timed(slowed.page, 'Kari');
    expect(again.answer).to.equal('joined');
    expect(again.ms).to.be.at.least(950);
    await waitForStatus(slowed.page.guide, 'connected');
    expect(Math.floor(Date.now() / HOUR), 'all in one hour window').to.equal(hour);

    // Link joins go on beside it (they are not counted).
    const per = await joinByLink(b, started.link, 'Per');
    await waitForStatus(per.guide, 'connected');
  });
});
