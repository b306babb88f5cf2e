// Issue 22, the proof against real servers: a replaced, an expired and a wrong code, a closed door; the
// presentation with the code and QR code; the same start and joins through two instances sharing one
// database (PostgreSQL, Redis), where a removed person is out on every instance. Each machine is an iframe.
import { expect } from '@open-wc/testing';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { readCredential } from '../../src/sources/workshop-credentials.js';
import { waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { trinnHarness } from '../innovasjon-trinn/harness.js';
import { workshopHarness } from './harness.js';
import { closeAllPages, engine, roomStatusOf, startServer, startService, stopServer, waitForStatus, writeNote, type Server } from './rooms.js';
import { expectAccessible, found, inGuide, joinRefusal, openMachine, opened, pressWithKeyboard, typeCode, typeInto, type WorkshopPage } from './workshop-machines.js';

/** The join code the share panel shows. */
const shownCode = (page: WorkshopPage) => inGuide(page, '.share-panel .join-code')?.textContent?.trim() ?? '';

/** Joins by the form and waits for it to say why not. */
async function joinByCodeForm(page: WorkshopPage, code: string, told: string) {
  await typeCode(page, code);
  await waitUntil(() => inGuide(page, '.workshop-error')?.textContent?.includes(told), `the form says «${told}»`, { timeout: 30_000 });
}

const cleanUp = () => {
  for (const page of [...opened]) page.close();
  closeAllPages();
};

/** Whether the browser has answered `element`'s full-screen request: granted, refused, or never possible here. */
function fullScreenAnswer(document: Document, element: Element): () => boolean {
  let refused = !document.fullscreenEnabled;
  document.addEventListener('fullscreenerror', () => (refused = true), { once: true });
  return () => refused || document.fullscreenElement === element;
}

describe('Workshop refusals and the presentation (real server, ROOM_CREATION=open)', function () {
  this.timeout(180_000);
  let server: Server;

  before(async () => {
    server = await startServer(`workshop-proof-${engine}`, { ROOM_CREATION: 'open', ALLOWED_ORIGINS: location.origin });
  });
  afterEach(cleanUp);

  it('from the keyboard: «Lag ny lenke» makes the old code and link refused, a closed door refuses joins, and the presentation shows the new code and QR code while the door is open', async () => {
    const lead = await openMachine(server);
    await pressWithKeyboard(lead, await found<HTMLButtonElement>(lead, '.start-room', '«Start en felles økt»'), '«Start en felles økt»');
    await waitUntil(() => shownCode(lead), 'the share panel shows the code', { timeout: 30_000 });
    // The room opens and its bar arrives (a chunk) before the facilitator acts on the panel.
    await waitForStatus(lead.guide, 'connected');
    await waitUntil(() => guideHarness(lead.guide).roomBar, 'the room bar shows', { timeout: 30_000 });
    const oldCode = shownCode(lead);
    const oldLink = inGuide(lead, '.share-panel .link')!.textContent!.trim();

    await pressWithKeyboard(lead, await found<HTMLButtonElement>(lead, '.share-panel .new-link', '«Lag ny lenke»'), '«Lag ny lenke»');
    await waitUntil(() => shownCode(lead) && shownCode(lead) !== oldCode, 'a new code is shown', { timeout: 30_000 });
    const code = shownCode(lead);
    const link = inGuide(lead, '.share-panel .link')!.textContent!.trim();
    expect(link).not.to.equal(oldLink);
    await expectAccessible(lead);

    const guest = await openMachine(server);
    await found(guest, '.workshop-join input[name=code]', 'the page offers «Bli med med kode»');
    expect(await joinRefusal(guest, oldCode)).to.equal('code-replaced');
    expect(await joinRefusal(guest, oldLink)).to.equal('invitation-replaced');
    await joinByCodeForm(guest, oldCode, 'Koden virker ikke lenger');
    await expectAccessible(guest);
    expect(await readCredential(server.url, guest.key), 'nothing kept from a refused join').to.be.undefined;

    // The door closes: neither the new code nor the new link lets anyone in.
    await pressWithKeyboard(lead, inGuide<HTMLButtonElement>(lead, '.share-panel .door')!, '«Lukk døren»');
    await waitUntil(() => inGuide(lead, '.share-panel .door-state'), 'the panel says the door is closed', { timeout: 30_000 });
    await expectAccessible(lead);
    expect(await joinRefusal(guest, code)).to.equal('door-closed');
    expect(await joinRefusal(guest, link)).to.equal('door-closed');
    await joinByCodeForm(guest, code, 'Døren er lukket');
    await expectAccessible(guest);

    // Presenting with the door closed shows no code.
    await guideHarness(lead.guide).openRoomMenu(); // «Presentasjonsvisning» waits in the room bar's menu
    const present = guideHarness(lead.guide).startPresentationButton;
    // An Escape pressed while the full-screen request is still pending cancels the request instead of
    // reaching the page (CI, Chrome): a person presses it once the browser has answered.
    const fullScreenAnswered = fullScreenAnswer(lead.window.document, lead.guide);
    await pressWithKeyboard(lead, present, '«Presentasjonsvisning»');
    await waitUntil(() => lead.guide.presentation, 'the presentation opens from the keyboard');
    await waitUntil(() => workshopHarness(lead.guide).focused === guideHarness(lead.guide).endPresentationButton, 'focus is on «Avslutt presentasjonen»');
    // Full screen where the browser grants it (a same-origin iframe may have it), else the view fills the frame.
    const fullscreen = lead.window.document.fullscreenElement;
    expect(fullscreen === lead.guide || fullscreen === null, 'the guide is the full-screen element, or none').to.be.true;
    expect(guideHarness(lead.guide).projectorShare, 'no code while the door is closed').to.be.null;
    await waitUntil(fullScreenAnswered, 'the browser answered the full-screen request');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !lead.guide.presentation && !lead.window.document.fullscreenElement, 'Escape ends the presentation and full screen');

    await pressWithKeyboard(lead, inGuide<HTMLButtonElement>(lead, '.share-panel .door')!, '«Åpne døren»');
    await waitUntil(() => !inGuide(lead, '.share-panel .door-state'), 'the door is open again', { timeout: 30_000 });
    await guideHarness(lead.guide).openRoomMenu();
    const fullScreenAnsweredAgain = fullScreenAnswer(lead.window.document, lead.guide);
    await pressWithKeyboard(lead, guideHarness(lead.guide).startPresentationButton, '«Presentasjonsvisning»');
    await waitUntil(() => guideHarness(lead.guide).projectorShare?.querySelector('.join-code')?.textContent?.trim() === code, 'the presentation shows the code', {
      timeout: 30_000,
    });
    const projector = guideHarness(lead.guide).projectorShare!;
    const qr = projector.querySelector('svg.qr')!;
    expect(qr.getAttribute('aria-label')).to.contain('QR');
    expect(qr.querySelector('path')!.getAttribute('d')).to.match(/^M\d/);
    const colours = lead.window.getComputedStyle(projector);
    expect([colours.color, colours.backgroundColor], 'dark on light').to.deep.equal(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await expectAccessible(lead);
    await waitUntil(fullScreenAnsweredAgain, 'the browser answered the full-screen request');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !lead.guide.presentation, 'Escape ends the presentation');

    expect(await joinRefusal(guest, code, 'Per')).to.equal('joined');
    await waitForStatus(guest.guide, 'connected');
  });

  it('a wrong code is refused as unknown', async () => {
    const guest = await openMachine(server);
    await found(guest, '.workshop-join input[name=code]', 'the page offers «Bli med med kode»');
    expect(await joinRefusal(guest, 'ZZZZ-ZZZZ')).to.equal('code-unknown');
  });
});

describe('An expired code (a server whose codes and links live 7 seconds: TOKEN_MAX_HOURS=0.002)', function () {
  this.timeout(120_000);
  const name = `workshop-short-${engine}`;
  let server: Server;

  before(async () => {
    server = await startServer(name, { ROOM_CREATION: 'open', ALLOWED_ORIGINS: location.origin, TOKEN_MAX_HOURS: '0.002' });
  });
  afterEach(cleanUp);
  after(() => stopServer(name));

  it('is refused as expired, by the API and in the form', async () => {
    const lead = await openMachine(server);
    await found(lead, '.start-room', '«Start en felles økt»');
    const { code, link, codeExpiresAt } = await lead.guide.startRoom();
    expect(codeExpiresAt! - Date.now()).to.be.below(8_000);
    const guest = await openMachine(server);
    await found(guest, '.workshop-join input[name=code]', 'the page offers «Bli med med kode»');
    await waitUntil(() => Date.now() > codeExpiresAt! + 250, 'the code expires', { timeout: 20_000 });
    expect(await joinRefusal(guest, code!)).to.equal('code-expired');
    expect(await joinRefusal(guest, link)).to.equal('invitation-expired');
    await joinByCodeForm(guest, code!, 'Koden virker ikke lenger');
    await expectAccessible(guest);
  });
});

describe('A workshop through two instances sharing one database (PostgreSQL and Redis, real processes)', function () {
  this.timeout(240_000);
  const A = `workshop-a-${engine}`;
  const B = `workshop-b-${engine}`;
  let a: Server;
  let b: Server;

  before(async () => {
    const redis = await startService('redis', `workshop-${engine}`);
    const postgres = await startService('postgres', `workshop-${engine}`);
    const env = { REDIS_URL: redis.url, DATABASE_URL: postgres.url, ROOM_CREATION: 'open', ALLOWED_ORIGINS: location.origin };
    a = await startServer(A, env);
    b = await startServer(B, env);
  });
  afterEach(cleanUp);
  after(async () => {
    await Promise.all([stopServer(A), stopServer(B)]);
  });

  /** A raw connection with a person's credential to one instance, recording how the server closes or refuses it. */
  function connectWith(server: Server, room: string, credential: string) {
    const closes: number[] = [];
    const refusals: string[] = [];
    const provider: HocuspocusProvider = new HocuspocusProvider({
      url: server.url,
      name: room,
      document: new Y.Doc(),
      token: credential,
      onClose: ({ event }) => closes.push(event.code),
      onAuthenticationFailed: ({ reason }) => {
        refusals.push(reason);
        provider.destroy(); // a refused provider would retry forever
      },
    });
    return { provider, closes, refusals };
  }

  it('starts on one instance (collabUrls), joins by link on the other and by code; notes flow both ways; a removed person is out on every instance', async () => {
    const lead = await openMachine(a, { urls: [a, b] });
    await pressWithKeyboard(lead, await found<HTMLButtonElement>(lead, '.start-room', '«Start en felles økt»'), '«Start en felles økt»');
    await waitUntil(() => shownCode(lead), 'the share panel shows the code', { timeout: 30_000 });
    const code = shownCode(lead);
    const link = inGuide(lead, '.share-panel .link')!.textContent!.trim();
    await waitForStatus(lead.guide, 'connected');
    await waitUntil(() => lead.guide.canLead, 'the page that started the room leads it', { timeout: 30_000 });
    await expectAccessible(lead);

    // Kari opens the link on a page that names instance B only.
    const kari = await openMachine(b, { address: link });
    const nameField = await found<HTMLInputElement>(kari, '.workshop-name input[name=name]', 'the page asks for the name');
    await typeInto(kari, nameField, 'Kari');
    await sendKeys({ press: 'Enter' });
    await waitForStatus(kari.guide, 'connected');
    await expectAccessible(kari);

    // Ola types the code on a page that lists B first.
    const ola = await openMachine(b, { urls: [b, a] });
    await typeCode(ola, code, 'Ola');
    await waitForStatus(ola.guide, 'connected');

    await writeNote(kari, 't1-mal', 'Fra Kari på B');
    await waitUntil(() => lead.guide.data.notes.some((note) => note.text === 'Fra Kari på B'), 'Kari’s note reaches the facilitator', { timeout: 30_000 });
    lead.guide.addNote('t1-mal', 'Fra lederen');
    await waitUntil(() => kari.guide.data.notes.some((note) => note.text === 'Fra lederen'), 'the facilitator’s note reaches Kari', { timeout: 30_000 });
    await waitUntil(() => ola.guide.data.notes.some((note) => note.text === 'Fra lederen') && ola.guide.data.notes.some((note) => note.text === 'Fra Kari på B'), 'and Ola', {
      timeout: 30_000,
    });

    // Kari's credential is connected on instance B (her page) and on instance A (a second connection).
    const stored = (await readCredential(b.url, kari.key))!;
    expect(stored.role).to.equal('participant');
    const onA = connectWith(a, stored.room, stored.credential);
    await waitUntil(() => onA.provider.isSynced, 'Kari’s credential is in the room on instance A too', { timeout: 30_000 });

    await lead.guide.workshop!.removeParticipant(stored.sub);
    await waitUntil(() => inGuide(kari, '.workshop-error')?.textContent?.includes('Du er tatt ut av økta'), 'Kari’s page on B is told', { timeout: 30_000 });
    expect(await readCredential(b.url, kari.key), 'the credential is gone from Kari’s device').to.be.undefined;
    await waitUntil(() => onA.closes.includes(4403) || onA.refusals.includes('credential-revoked'), 'the connection on A is closed as revoked', { timeout: 30_000 });
    onA.provider.destroy();
    for (const server of [a, b]) {
      const again = connectWith(server, stored.room, stored.credential);
      await waitUntil(() => again.refusals.length > 0, `the credential is refused on ${server === a ? 'A' : 'B'}`, { timeout: 30_000 });
      expect(again.refusals).to.deep.equal(['credential-revoked']);
    }
    // The others stay.
    lead.guide.addNote('t1-mal', 'Etter');
    await waitUntil(() => ola.guide.data.notes.some((note) => note.text === 'Etter'), 'Ola is still in the room', { timeout: 30_000 });
  });
});

describe('A participant on a phone (360×640), joined by link in phase Skriv', function () {
  this.timeout(120_000);
  let server: Server;

  before(async () => {
    server = await startServer(`workshop-proof-${engine}`, { ROOM_CREATION: 'open', ALLOWED_ORIGINS: location.origin });
  });
  afterEach(cleanUp);

  // The page holds the guide alone (no header of its own, the body's 8 px margin above it), so «the first screen»
  // is the frame's first 640 px. Between the room bar and «Legg til lapp» stand only the step's title (its «Trinn 1»
  // above it, «Om trinnet» under it) and the card's question with its prompts: the step list goes below the sheet,
  // the intro and the phase's guidance fold under «Om trinnet», following the facilitator waits in the menu.
  /** Presses a control inside one of the guide's elements with the keyboard: `focused` is that element's focused part. */
  async function pressInside(page: WorkshopPage, element: HTMLElement, focused: () => Element | null, what: string) {
    page.frame.focus();
    element.focus();
    await waitUntil(() => focused() === element, `${what} has focus`);
    await sendKeys({ press: 'Enter' });
  }

  it('reaches «Legg til lapp» on the first screen, with only the step’s title and the question between the one-row bar and it; keyboard and axe', async () => {
    const lead = await openMachine(server);
    await found(lead, '.start-room', '«Start en felles økt»');
    const { link } = await lead.guide.startRoom();
    await waitUntil(() => lead.guide.canLead, 'the page leads the room it started', { timeout: 30_000 });
    lead.guide.setPhase('write', { step: 1 });
    const phone = await openMachine(server, { address: link, width: 360, height: 640 });
    await typeInto(phone, await found<HTMLInputElement>(phone, '.workshop-name input[name=name]', 'the page asks for the name'), 'Kari');
    await sendKeys({ press: 'Enter' });
    await waitForStatus(phone.guide, 'connected');
    await waitUntil(() => phone.guide.session.phase === 'write', 'the phase reaches the phone', { timeout: 30_000 });
    const ui = guideHarness(phone.guide);
    await waitUntil(() => ui.roomBar && ui.trinn && trinnHarness(ui.trinn).aboutToggle, 'the room bar and the step in phase Skriv show', { timeout: 30_000 });
    await waitUntil(() => roomStatusOf(phone).presenceToggle?.textContent?.includes('2'), 'who is here, as a count: 2', { timeout: 30_000 });
    const step = ui.sheet;
    const card = step.card('t1-mal')!;
    const add = kortHarness(card).addButton!;
    const about = step.aboutToggle!;
    expect(phone.guide.getBoundingClientRect().width, 'the phone is 360 px wide').to.be.at.most(360);
    expect(phone.window.scrollY, 'the page is at its top').to.equal(0);

    const bar = ui.roomBar!.getBoundingClientRect();
    const reach = add.getBoundingClientRect().bottom;
    console.log(`phone, 360×640, ${engine}: bar ${Math.round(bar.top)}–${Math.round(bar.bottom)} px, «Legg til lapp» ends at ${Math.round(reach)} px from the page's top`);
    expect(reach, '«Legg til lapp» ends within the first screen').to.be.at.most(640);
    // One row: the bar is its 44 px controls and its padding, not two rows of them.
    expect(bar.height, 'the bar is one row').to.be.at.most(64);
    expect(roomStatusOf(phone).shownStatus, 'the connection in a word').to.equal('Tilkoblet');
    expect(ui.barPhase).to.equal('Skriv på trinn 1');
    expect(ui.follow?.getClientRects().length ?? 0, 'following the facilitator is not in the bar').to.equal(0);
    // Nothing between the bar and the step; the step list is below the sheet.
    const sheet = ui.sheetBox;
    expect(sheet.top - bar.bottom, 'the sheet follows the bar').to.be.at.most(16);
    expect(ui.nav.getBoundingClientRect().top, 'the step list is below the sheet').to.be.greaterThan(sheet.bottom);
    // Inside the step: the title, «Om trinnet», then the card; the intro and the phase line folded.
    expect(step.intro.getClientRects().length, 'the intro is folded').to.equal(0);
    await waitUntil(() => step.phaseLine.includes('Fase: Skriv'), 'the phase line (its chunk) is there to unfold');
    expect(card.getBoundingClientRect().top - step.title.getBoundingClientRect().bottom).to.be.at.most(about.getBoundingClientRect().height + 24);
    expect(card.getBoundingClientRect().top).to.be.at.least(about.getBoundingClientRect().bottom);
    expect(about.getAttribute('aria-expanded')).to.equal('false');
    await expectAccessible(phone);

    // The keyboard goes from the bar to the step: who is here, «Flere valg», «Om trinnet», «Legg til lapp».
    const here = roomStatusOf(phone).presenceToggle!;
    phone.frame.focus();
    here.focus();
    await waitUntil(() => roomStatusOf(phone).focused === here, 'who is here has focus');
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => ui.focused === ui.menuToggle, 'Tab: «Flere valg»');
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => step.focused === about, 'Tab: «Om trinnet»');
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => kortHarness(card).focused === add, 'Tab: the first card’s «Legg til lapp»');

    // Who is here opens as a list.
    await pressInside(phone, here, () => roomStatusOf(phone).focused, 'who is here');
    await waitUntil(() => here.getAttribute('aria-expanded') === 'true' && roomStatusOf(phone).personElements.every((person) => person.getClientRects().length > 0), 'the list opens');
    expect(roomStatusOf(phone).people).to.include('Kari (deg)');
    await expectAccessible(phone);
    await pressInside(phone, here, () => roomStatusOf(phone).focused, 'who is here');
    await waitUntil(() => here.getAttribute('aria-expanded') === 'false', 'the list folds');

    // «Om trinnet» unfolds the intro and the phase's guidance.
    await pressInside(phone, about, () => step.focused, '«Om trinnet»');
    await waitUntil(() => about.getAttribute('aria-expanded') === 'true' && step.intro.getClientRects().length > 0, 'the intro unfolds');
    expect(step.phaseLine).to.contain('Fase: Skriv');
    await expectAccessible(phone);
    await pressInside(phone, about, () => step.focused, '«Om trinnet»');
    await waitUntil(() => step.intro.getClientRects().length === 0, 'and folds again');

    // «Flere valg» (⋯) keeps its name, and holds following the facilitator.
    expect(ui.menuToggle.textContent!.replace(/\s+/g, ' ')).to.contain('Flere valg');
    await pressWithKeyboard(phone, ui.menuToggle, '«Flere valg»');
    await waitUntil(() => ui.roomMenu && ui.menuFollowToggle?.getClientRects().length, 'the menu opens with «Gå på egen hånd»');
    expect(ui.menuToggle.getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => ui.focused === ui.menuFollowToggle, 'focus goes to the first thing the menu shows');
    await expectAccessible(phone);
  });
});
