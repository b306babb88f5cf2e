// Issue 22, the page: a guide with `collab-start` starts a room on a real server (ROOM_CREATION=open),
// a second machine joins by the link, a third by the code; each machine is an iframe with its own
// storage key (so its own credential and name), as another browser would have.
import { expect } from '@open-wc/testing';
import { workshopHarness } from './harness.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { expectAccessible, expectNoLeak, found, inGuide, openMachine, opened, pressWithKeyboard, typeInto } from './workshop-machines.js';
import { sendKeys } from '@web/test-runner-commands';
import { readCredential } from '../../src/sources/workshop-credentials.js';
import { waitUntil } from '../helpers.js';
import { cardOf, closeAllPages, engine, freshRoom, openPage, startServer, token, waitForStatus, writeNote, type Server } from './rooms.js';

describe('A workshop started from the page (collab-start, real server with ROOM_CREATION=open)', function () {
  this.timeout(180_000);
  let server: Server;

  before(async () => {
    server = await startServer(`workshop-${engine}`, { ROOM_CREATION: 'open', ALLOWED_ORIGINS: location.origin });
  });

  afterEach(() => {
    for (const page of [...opened]) page.close();
    closeAllPages();
  });

  it('with a token (the sign-on path), the token’s name signs new notes by default', async () => {
    const room = freshRoom('signert');
    const page = await openPage({ url: server.url, room, token: await token(room, 'Signe Sørli', { sub: 'signe' }) });
    await waitForStatus(page.guide, 'connected');
    await writeNote(page, 't1-mal', 'Signert');
    await waitUntil(() => guideHarness(page.guide).roomBar, 'the room bar shows');
    await guideHarness(page.guide).openRoomMenu(); // the name waits in the bar's menu
    expect(page.guide.data.notes.find((note) => note.text === 'Signert')!.author).to.equal('Signe Sørli');
    expect(inGuide<HTMLInputElement>(page, '.participant input[type=text]')!.value, 'the name field shows it, to change').to.equal('Signe Sørli');
  });

  it('starts a room from the keyboard; a second machine joins by the link, a third by the code; notes flow; nothing secret leaks; a reload keeps the lead', async () => {
    const lead = await openMachine(server);
    const start = await found<HTMLButtonElement>(lead, '.start-room', 'the guide offers «Start en felles økt»');
    expect(start.textContent).to.contain('Start en felles økt');
    await expectAccessible(lead);

    await pressWithKeyboard(lead, start, '«Start en felles økt»');
    await waitUntil(() => inGuide(lead, '.share-panel'), 'the share panel opens', { timeout: 30_000 });
    await waitUntil(() => workshopHarness(lead.guide).focused?.id === 'share-title', 'focus moves to the share panel');
    const link = inGuide(lead, '.share-panel .link')!.textContent!.trim();
    const code = inGuide(lead, '.share-panel .join-code')!.textContent!.trim();
    expect(link).to.match(/#innovasjon-join=/);
    expect(code).to.match(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(inGuide(lead, '.share-panel svg.qr path')!.getAttribute('d')).to.match(/^M\d/);
    expect(inGuide(lead, '.share-panel svg.qr')!.getAttribute('aria-label')).to.contain('QR');
    const started = lead.window.events.find((event) => event.type === 'innovasjon-room-start')!.detail as Record<string, unknown>;
    expect(started.room).to.be.a('string');
    expect(JSON.stringify(started)).not.to.contain(code.replace('-', ''));
    expect(Object.keys(started).sort()).to.deep.equal(['codeExpiresAt', 'linkExpiresAt', 'room']);
    await waitForStatus(lead.guide, 'connected');
    await waitUntil(() => lead.guide.canLead, 'the page that started the room leads it');
    await expectAccessible(lead);

    // The second machine opens the link.
    const invitation = decodeURIComponent(link.split('#innovasjon-join=')[1]);
    const second = await openMachine(server, { address: link });
    await waitUntil(() => second.window.location.hash === '', 'the invitation leaves the address');
    const nameField = await found<HTMLInputElement>(second, '.workshop-name input[name=name]', 'the page asks for the name');
    await waitUntil(() => workshopHarness(second.guide).focused === nameField, 'focus is on the name field');
    await expectAccessible(second);
    await typeInto(second, nameField, 'Kari');
    await sendKeys({ press: 'Enter' });
    await waitForStatus(second.guide, 'connected');
    expect(second.window.hashes.every((hash) => !hash.includes('innovasjon-join')), 'no socket opened while the invitation was in the address').to.be.true;

    // The third machine types the code.
    const third = await openMachine(server);
    const codeField = await found<HTMLInputElement>(third, '.workshop-join input[name=code]', 'the page offers «Bli med med kode»');
    await typeInto(third, codeField, code.toLowerCase());
    await typeInto(third, inGuide<HTMLInputElement>(third, '.workshop-join input[name=name]')!, 'Ola');
    await sendKeys({ press: 'Enter' });
    await waitForStatus(third.guide, 'connected');

    // Notes both ways.
    await writeNote(second, 't1-mal', 'Fra Kari');
    await waitUntil(() => lead.guide.data.notes.some((note) => note.text === 'Fra Kari'), 'Kari’s note reaches the facilitator', { timeout: 30_000 });
    await waitUntil(() => third.guide.data.notes.some((note) => note.text === 'Fra Kari'), 'and Ola', { timeout: 30_000 });
    lead.guide.addNote('t1-mal', 'Fra lederen');
    await waitUntil(() => second.guide.data.notes.some((note) => note.text === 'Fra lederen'), 'the facilitator’s note reaches Kari', { timeout: 30_000 });
    expect(lead.guide.data.notes.find((note) => note.text === 'Fra Kari')!.author).to.equal('Kari');
    expect(cardOf(second, 't1-mal')).to.exist;

    // A participant cannot change the phase.
    expect(second.guide.canLead).to.be.false;
    expect(() => second.guide.setPhase('write')).to.throw(/Only the facilitator/);
    expect(inGuide(second, '.lead-toggle')).to.be.null;
    lead.guide.setPhase('write', { step: 1 });
    await waitUntil(() => third.guide.session.phase === 'write', 'the facilitator’s phase reaches Ola', { timeout: 30_000 });

    // Neither invitation nor credential anywhere on the participants' pages but the credential store.
    for (const page of [second, third]) {
      const stored = await readCredential(server.url, page.key);
      expect(stored?.role).to.equal('participant');
      expectNoLeak(page, [invitation, stored!.credential], page === second ? 'Kari' : 'Ola');
    }
    await expectAccessible(second);

    // A reload resumes the lead.
    await lead.reload();
    await waitForStatus(lead.guide, 'connected');
    await waitUntil(() => lead.guide.canLead, 'the facilitator still leads after a reload', { timeout: 30_000 });
    const toggle = await found<HTMLButtonElement>(lead, '.share-toggle', 'the share button is back');
    await pressWithKeyboard(lead, toggle, '«Del økta»');
    await waitUntil(() => inGuide(lead, '.share-panel .join-code')?.textContent?.trim() === code, 'the panel shows the code again', { timeout: 30_000 });
    await expectAccessible(lead);
  });

  it('refuses a wrong code with its reason, by the API and in the form, and changes nothing', async () => {
    const page = await openMachine(server);
    await waitUntil(() => inGuide(page, '.workshop-join input[name=code]'), 'the page offers «Bli med med kode»', { timeout: 30_000 });
    page.guide.addNote('t1-mal', 'Bare min');
    const before = JSON.stringify(page.guide.data);
    let refused: (Error & { code?: string }) | undefined;
    try {
      await page.guide.joinRoom('ZZZZ-ZZZZ', { name: 'Per' });
    } catch (error) {
      refused = error as Error & { code?: string };
    }
    expect(refused?.code).to.equal('code-unknown');
    expect(refused!.message).not.to.contain('ZZZZ');
    const told = page.window.events.filter((event) => event.type === 'innovasjon-error').map((event) => event.detail as { code: string; message: string });
    expect(told.map((each) => each.code)).to.deep.equal(['collab-join-refused']);
    expect(told[0].message).not.to.contain('ZZZZ');
    expect(JSON.stringify(page.guide.data)).to.equal(before);
    expect(await readCredential(server.url, page.key)).to.be.undefined;

    await typeInto(page, inGuide<HTMLInputElement>(page, '.workshop-join input[name=code]')!, 'zzzz zzzz');
    await typeInto(page, inGuide<HTMLInputElement>(page, '.workshop-join input[name=name]')!, 'Per');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => inGuide(page, '.workshop-error')?.textContent?.includes('Koden finnes ikke'), 'the form says why', { timeout: 30_000 });
    await expectAccessible(page);
  });

  it('startRoom() resolves to the room, its link and code; the link keeps the page’s other anchors', async () => {
    const page = await openMachine(server, { address: `/test/collab-live/workshop-page.html?url=${encodeURIComponent(server.url)}#trinn-2` });
    const started = await page.guide.startRoom();
    expect(started.room).to.match(/^w[a-z2-7]{26}$/);
    expect(started.link).to.match(/#trinn-2&innovasjon-join=/);
    expect(started.code).to.match(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(started.linkExpiresAt).to.be.greaterThan(Date.now());
    expect(page.window.location.hash).to.equal('#trinn-2');
    await waitUntil(() => page.guide.canLead, 'the page leads the room it started', { timeout: 30_000 });
  });

  it('the facilitator removes a person: their page is refused, forgets its credential, and the facilitator’s page says so', async () => {
    const lead = await openMachine(server);
    const { code } = await lead.guide.startRoom();
    const guest = await openMachine(server);
    await guest.guide.joinRoom(code!, { name: 'Gjest' });
    await waitForStatus(guest.guide, 'connected');
    const stored = await readCredential(server.url, guest.key);
    await lead.guide.workshop!.removeParticipant(stored!.sub);
    expect(lead.window.events.filter((event) => event.type === 'innovasjon-participant-remove').map((event) => event.detail)).to.deep.equal([
      { participant: stored!.sub, name: 'Gjest' },
    ]);
    await waitUntil(() => inGuide(guest, '.workshop-error')?.textContent?.includes('Du er tatt ut av økta'), 'the removed person is told', { timeout: 30_000 });
    expect(await readCredential(server.url, guest.key), 'the credential is gone from the device').to.be.undefined;
    let refused: (Error & { code?: string }) | undefined;
    try {
      const other = stored!.sub.replace(/.$/, (last) => (last === 'a' ? 'b' : 'a'));
      await lead.guide.workshop!.removeParticipant(other);
    } catch (error) {
      refused = error as Error & { code?: string };
    }
    expect(refused?.code, 'removing someone who is not in the room').to.equal('not-found');
  });
});
