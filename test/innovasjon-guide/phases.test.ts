import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { SessionRoleError, type SessionKeeper } from '../../src/sources/session-keeper.js';
import type { PageGuide } from '../../src/sources/page-guide.js';
import { NO_SESSION, type SessionState } from '../../src/store/session.js';
import { addButtonOf, cardIn, click, deepActiveElement, expectAnnounced, lappsIn, liveRegion, settled, uniqueKey, waitUntil } from '../helpers.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from './harness.js';
import { oppfolgingHarness } from '../innovasjon-oppfolging/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';

async function makeGuide(step = 2) {
  const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()} step=${step}></innovasjon-guide>`);
  await settled(guide);
  return guide;
}

const pageGuideOf = (guide: InnovasjonGuide) => (guide as unknown as { guide: { guide: PageGuide } }).guide.guide;
const sheetOf = (guide: InnovasjonGuide) => guideHarness(guide).sheet;
const phaseLine = (guide: InnovasjonGuide) => sheetOf(guide).phaseLine;
const followUpAdd = (guide: InnovasjonGuide) => oppfolgingHarness(sheetOf(guide).oppfolging).addButton;

/** A session led by someone else, as a room's session document gives it to a participant. */
class LedElsewhere implements SessionKeeper {
  readonly canLead = false;
  readonly #listeners = new Set<() => void>();
  constructor(public state: SessionState) {}
  set(): void {
    throw new SessionRoleError();
  }
  now() {
    return Date.now();
  }
  subscribe(listener: () => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  change(state: SessionState) {
    this.state = state;
    for (const listener of this.#listeners) listener();
  }
}

describe('phases: leading a session', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('the facilitator sets a phase from «Led økten» with the keyboard; the step shows it, the page hears it once', async function () {
    this.timeout(20_000); // several key presses, a chunk and re-renders on a busy 2-core machine
    const guide = await makeGuide();
    guide.addNote('t2-forsta', 'Innbyggerne');
    await settled(guide);
    const heard: unknown[] = [];
    const listener = (event: Event) => heard.push((event as CustomEvent).detail);
    document.addEventListener('innovasjon-phase-change', listener);
    try {
      const toggle = guideHarness(guide).leadToggle!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => guideHarness(guide).phasePanel, 'the phase panel opens');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(guideHarness(guide).phasePanelLegend.textContent).to.contain('Fase på trinn 2');
      await sendKeys({ press: 'Tab' });
      expect((deepActiveElement() as HTMLInputElement).parentElement!.textContent).to.contain('Ingen fase');
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => heard.length === 1, 'the phase change is heard');
      expect(heard).to.deep.equal([{ step: 2, phase: 'write', hidden: false }]);
      expect(guide.session).to.deep.equal({ step: 2, phase: 'write', notesWhileVoting: false, hidden: false, timer: null });
      await settled(guide);
      // The phase's view is a chunk fetched with the first phase: shown once it is here.
    await waitUntil(() => phaseLine(guide).includes('Fase: Skriv.'), 'the step shows the phase');
      await expectAnnounced('Ny fase på trinn 2: Skriv.');
      const note = harness(lappsIn(cardIn(guide, 't2-forsta'))[0]);
      expect(note.voteButton, 'no vote button while writing').to.be.null;
      await note.openMenu('Enter');
      expect(note.itemNames).not.to.include('Stem');
      await sendKeys({ press: 'Escape' });

      guide.setPhase('vote');
      await settled(guide);
      expect(heard.at(-1)).to.deep.equal({ step: 2, phase: 'vote', hidden: false });
      expect(note.voteButton, 'a vote button on every note while voting').not.to.be.null;
      expect(addButtonOf(cardIn(guide, 't2-forsta')), 'the facilitator may still add notes').to.exist;
      guide.setPhase(null);
      await settled(guide);
      expect(heard).to.have.length(3);
      expect(phaseLine(guide)).to.equal('');
      await expectAnnounced('Fasen er avsluttet.');
    } finally {
      document.removeEventListener('innovasjon-phase-change', listener);
    }
  });

  it('a participant gets the controls of the phase table, no session controls, and cannot change the session', async () => {
    const guide = await makeGuide();
    guide.addNote('t2-forsta', 'Innbyggerne');
    const led = new LedElsewhere({ step: 2, phase: 'vote', notesWhileVoting: false, hidden: false, timer: null });
    pageGuideOf(guide).useSession(led);
    await settled(guide);
    expect(guide.canLead).to.be.false;
    expect(guideHarness(guide).leadToggle, 'no «Led økten»').to.be.null;
    const card = cardIn(guide, 't2-forsta');
    expect(kortHarness(card).addButton, 'no new notes while voting').to.be.null;
    expect(harness(lappsIn(card)[0]).voteButton).not.to.be.null;
    expect(followUpAdd(guide), 'follow-up waits for «Bli enige»').to.be.null;
    expect(() => guide.setPhase('write')).to.throw(SessionRoleError);
    expect(guide.session.phase).to.equal('vote');

    led.change({ step: 2, phase: 'vote', notesWhileVoting: true, hidden: false, timer: null });
    await settled(guide);
    expect(kortHarness(card).addButton, 'the facilitator allowed new notes').to.exist;

    led.change({ step: 2, phase: 'agree', notesWhileVoting: false, hidden: false, timer: null });
    await settled(guide);
    // The phase's view is a chunk fetched with the first phase: shown once it is here.
    await waitUntil(() => phaseLine(guide).includes('Fase: Bli enige.'), 'the step shows the phase');
    expect(kortHarness(card).addButton).to.be.null;
    expect(harness(lappsIn(card)[0]).voteButton).to.be.null;
    expect(followUpAdd(guide), 'follow-up in «Bli enige»').to.exist;

    led.change({ step: 3, phase: 'write', notesWhileVoting: false, hidden: false, timer: null });
    await settled(guide);
    expect(guide.step, 'the participant follows the facilitator to step 3').to.equal(3);
    expect(phaseLine(guide)).to.contain('Fase: Skriv.');
    await expectAnnounced('Prosesslederen er på trinn 3. Du følger med.');

    // Going back to step 2 oneself: going alone, on a step with no phase, where everything is reachable.
    const navTo2 = guideHarness(guide).stepButton('Trinn 2');
    navTo2.click();
    await settled(guide);
    expect(guide.step).to.equal(2);
    expect(guideHarness(guide).follow!.textContent).to.contain('Du går på egen hånd.');
    const again = cardIn(guide, 't2-forsta');
    expect(phaseLine(guide), 'the phase is on another step').to.equal('');
    expect(kortHarness(again).addButton, 'this step works as without a session').to.exist;
    expect(followUpAdd(guide)).to.exist;

    led.change(NO_SESSION);
    await settled(guide);
    expect(guideHarness(guide).follow, 'no following without a phase').to.be.null;
  });

  it('a timebox from «Led økten» shows its time left on the step; Stop ends it', async function () {
    this.timeout(20_000); // a chunk, typing and re-renders on a busy 2-core machine
    const guide = await makeGuide();
    guide.setPhase('write');
    guideHarness(guide).leadToggle!.click();
    await waitUntil(() => guideHarness(guide).timebox, 'the timebox form shows');
    const minutes = guideHarness(guide).minutesInput;
    minutes.focus();
    minutes.select();
    await sendKeys({ type: '2' });
    guideHarness(guide).endsPhaseInput.focus();
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement() as HTMLElement).className).to.equal('start-timer');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => guide.session.timer, 'the timebox starts');
    expect(guide.session.timer).to.include({ duration: 120_000, endsPhase: false });
    await expectAnnounced('Tidsboksen har startet: 2 minutter.');
    await settled(guide);
    const clock = () => sheetOf(guide).clock;
    await waitUntil(() => clock() === '2:00' || clock() === '1:59', `the step shows the time left (${clock()})`);
    await waitUntil(() => clock() !== '2:00', 'the time runs');

    await waitUntil(() => guideHarness(guide).stopTimerButton, 'Stop shows');
    guideHarness(guide).stopTimerButton!.click();
    await settled(guide);
    expect(guide.session.timer).to.be.null;
    expect(guide.session.phase, 'the phase stays').to.equal('write');
    expect(clock()).to.be.undefined;
  });

  it('when the time is up, a timebox that ends the phase moves on to the next one, and says so', async function () {
    this.timeout(20_000); // waits out a real two-second timebox
    const guide = await makeGuide();
    expect(() => guide.startTimer(60), 'no timebox without a phase').to.throw(TypeError, /set one first/);
    guide.setPhase('write');
    expect(() => guide.startTimer(0.5), 'at least a second').to.throw(TypeError, /between 1 and 14400/);
    // A sound only for a person who turned it on: the tones this page starts are counted.
    const tones: number[] = [];
    const RealContext = window.AudioContext;
    window.AudioContext = class extends RealContext {
      override createOscillator() {
        const oscillator = super.createOscillator();
        const start = oscillator.start.bind(oscillator);
        oscillator.start = (when?: number) => (tones.push(when ?? 0), start(when));
        return oscillator;
      }
    };
    // Each message the live region says, in order: two said in different frames replace each other there.
    const said: string[] = [];
    const listener = new MutationObserver(() => {
      const text = liveRegion()?.textContent?.trim();
      if (text && said.at(-1) !== text) said.push(text);
    });
    listener.observe(document.body, { childList: true, characterData: true, subtree: true });
    try {
      guide.startTimer(2, { endsPhase: true });
      await settled(guide);
      const sound = () => sheetOf(guide).soundCheckbox;
      await waitUntil(() => sound(), 'the sound choice shows with the time left');
      expect(sound()!.checked, 'off unless the person turns it on').to.be.false;
      await click(sound()!);
      expect(sound()!.checked).to.be.true;
      await waitUntil(() => guide.session.phase === 'share', 'the writing ends', { timeout: 10_000 });
      expect(guide.session.timer).to.be.null;
      const at = (words: string) => said.findIndex((text) => text.includes(words));
      await waitUntil(() => at('Tiden er ute.') >= 0 && at('Ny fase på trinn 2: Del og sorter.') >= 0, `the live region says both (it said ${JSON.stringify(said)})`);
      expect(at('Tiden er ute.'), 'time is up, then the new phase').to.be.at.most(at('Ny fase på trinn 2: Del og sorter.'));
      expect(liveRegion()!.getAttribute('aria-live')).to.equal('polite');
      await waitUntil(() => tones.length === 2, 'two soft tones');
    } finally {
      listener.disconnect();
      window.AudioContext = RealContext;
      localStorage.removeItem('innovasjonsguide:sound');
    }
  });

  it('hidden writing keeps new notes off the shared guide, says so at the moment of writing, and the reveal brings them in', async function () {
    this.timeout(20_000); // key presses and re-renders on a busy 2-core machine
    const guide = await makeGuide();
    const heard: unknown[] = [];
    const listener = (event: Event) => heard.push((event as CustomEvent).detail);
    document.addEventListener('innovasjon-reveal', listener);
    try {
      expect(() => guide.setPhase('vote', { hidden: true })).to.throw(TypeError, /hidden writing is for the write phase/);
      guide.setPhase('write', { hidden: true });
      await settled(guide);
      const card = cardIn(guide, 't2-forsta');
      const add = addButtonOf(card);
      expect(add.getAttribute('aria-describedby')).to.contain('hidden-writing');
      expect(kortHarness(card).hiddenWritingNote!.textContent).to.contain('De andre ser bare hvor mange du har skrevet');
      add.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => deepActiveElement()?.localName === 'textarea', 'the new note has focus');
      await sendKeys({ type: 'Bare for meg' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => kortHarness(card).hiddenLapps.length > 0, 'the hidden note shows');
      await expectAnnounced('Skjult lapp lagt til, bare på denne enheten: Bare for meg');
      const [hidden] = kortHarness(card).hiddenLapps;
      expect(harness(hidden).renderedText).to.contain('Bare du ser denne ennå');
      expect(guide.data.notes, 'not in the guide’s document').to.deep.equal([]);
      expect(phaseLine(guide)).to.contain('Fase: Skriv.');
      expect(sheetOf(guide).showsHiddenCounts).to.be.true;
      expect(sheetOf(guide).hiddenCounts).to.contain('du: 1 lapp');
      await harness(hidden).openMenu('Enter');
      expect(harness(hidden).itemNames, 'stays on its card until the reveal').not.to.include('Flytt');
      await sendKeys({ press: 'Escape' });

      guide.reveal();
      await settled(guide);
      expect(guide.data.notes.map((note) => note.text)).to.deep.equal(['Bare for meg']);
      expect(kortHarness(card).hiddenLapps.length, 'no hidden note after the reveal').to.equal(0);
      expect(heard.at(-1)).to.deep.equal({ step: 2, count: 1 });
      await expectAnnounced('Prosesslederen viser alle lappene.');
      expect(guide.session).to.include({ phase: 'write', hidden: false });
    } finally {
      document.removeEventListener('innovasjon-reveal', listener);
    }
  });

  it('refuses a bad phase or step and changes nothing', async () => {
    const guide = await makeGuide(0);
    expect(() => guide.setPhase('write')).to.throw(TypeError, /step must be 1, 2, 3 or 4, got 0/);
    expect(() => guide.setPhase('dance' as never, { step: 2 })).to.throw(TypeError, /phase must be one of/);
    expect(guide.session).to.deep.equal(NO_SESSION);
    guide.setPhase('share', { step: 4 });
    expect(guide.session).to.deep.equal({ step: 4, phase: 'share', notesWhileVoting: false, hidden: false, timer: null });
  });

  it('passes axe with a phase set and the facilitator’s panel open', async function () {
    this.timeout(15_000); // axe over a whole guide: over 5 s on a busy 2-core machine
    const guide = await makeGuide();
    guide.addNote('t2-forsta', 'Innbyggerne');
    guide.setPhase('vote');
    guideHarness(guide).leadToggle!.click();
    await waitUntil(() => guideHarness(guide).phasePanel, 'the phase panel opens');
    await settled(guide);
    await expect(guide).to.be.accessible();
  });
});
