import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { themes } from '../../stories/themes.js';
import { addButtonOf, cardIn, cardsIn, click, deepActiveElement, focusablesInOrder, lappsIn, settled, uniqueKey, expectFocusOn, expectAnnounced, waitUntil } from '../helpers.js';
import { trinnHarness } from '../innovasjon-trinn/harness.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { harness, openPopups } from '../refleksjon-lapp/harness.js';

/** Presses Tab (or Shift+Tab) until `wanted` holds focus; fails after `max` presses. */
async function tabTo(wanted: (element: Element | null) => boolean, { back = false, max = 120 } = {}) {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
    const active = deepActiveElement();
    trail.push(`${active?.localName}.${active?.className}${active?.getAttribute('name') ? `[${active.getAttribute('name')}]` : ''}`);
    const where = trail.join(' → ');
    expect(active !== document.body, `focus is never lost to <body> (${where})`).to.be.true;
    if (wanted(active)) return active as HTMLElement;
  }
  throw new Error('Tab never reached the wanted control');
}

const inLapp = (text: string, selector: string) => (element: Element | null) =>
  !!element?.matches(selector) && ((element.getRootNode() as ShadowRoot).host as { text?: string })?.text === text;

function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
};

/** Text on every note colour, on the current step and on cards at 4.5:1; the focus ring at 3:1 on a card. */
function expectGuideContrast(guide: InnovasjonGuide): { ring: string; accent: string } {
  for (const lapp of lappsIn(cardIn(guide, 't1-mal'))) {
    const style = getComputedStyle(harness(lapp).note);
    expect(contrast(style.color, style.backgroundColor), lapp.color).to.be.at.least(4.5);
    const meta = getComputedStyle(harness(lapp).meta);
    expect(contrast(meta.color, style.backgroundColor), `${lapp.color} meta line`).to.be.at.least(4.5);
  }
  const current = getComputedStyle(guideHarness(guide).currentStepButton);
  expect(contrast(current.color, current.backgroundColor)).to.be.at.least(4.5);
  const card = getComputedStyle(kortHarness(cardIn(guide, 't1-mal')).box);
  expect(contrast(card.color, card.backgroundColor)).to.be.at.least(4.5);
  const add = addButtonOf(cardIn(guide, 't1-mal'));
  add.focus();
  const ring = getComputedStyle(add).outlineColor;
  expect(contrast(ring, card.backgroundColor)).to.be.at.least(3);
  return { ring, accent: current.backgroundColor };
}

describe('accessibility', function () {
  this.timeout(20_000); // axe, real keys and layout over a whole guide: up to 9 s measured on a busy 2-core machine
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('walks the journey by keyboard alone: steps, add, edit, cancel, colour, vote, move, follow-up, delete and undo', async function () {
    this.timeout(30000); // a hundred-odd real key presses
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()}></innovasjon-guide>`);
    await settled(guide);
    // Name, then to step 1 through the navigation.
    await tabTo((el) => el?.matches('.participant input[type=text]') ?? false);
    await sendKeys({ type: 'Kari' });
    await tabTo((el) => el?.textContent?.includes('Legg grunnlaget') === true && el.matches('nav button'));
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(deepActiveElement()?.classList.contains('title')).to.be.true;
    expect(guide.step).to.equal(1);

    // Add, type, save.
    await tabTo((el) => el === addButtonOf(cardIn(guide, 't1-mal')));
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(deepActiveElement()?.localName).to.equal('textarea');
    await sendKeys({ type: 'Kortere ventetid' });
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(guide.data.notes.map((n) => [n.text, n.author])).to.deep.equal([['Kortere ventetid', 'Kari']]);
    expect(deepActiveElement()?.matches('p.edit-text')).to.be.true;

    // Edit and save; edit and cancel: Enter on the note's text opens it.
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    await sendKeys({ type: ' for alle' });
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    await sendKeys({ type: ' (angres)' });
    await sendKeys({ press: 'Escape' });
    await settled(guide);
    expect(guide.data.notes[0].text).to.equal('Kortere ventetid for alle');

    // Colour, in the note's menu: the button after the text opens it, the arrows reach «rosa».
    await tabTo(inLapp('Kortere ventetid for alle', 'button.menu-button'));
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Rediger');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(guide.data.notes[0].color).to.equal('pink');
    expect(deepActiveElement()?.matches('button.menu-button')).to.be.true;

    // Vote: without votes-per-person it sits in the menu, just above Slett.
    await sendKeys({ press: 'ArrowUp' });
    await settled(guide);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(guide.data.notes[0].votes).to.have.length(1);

    // Escape closes the menu without doing anything.
    await sendKeys({ press: 'ArrowDown' });
    await settled(guide);
    await sendKeys({ press: 'Escape' });
    await settled(guide);
    expect(openPopups().length).to.equal(0);
    expect(deepActiveElement()?.matches('button.menu-button')).to.be.true;

    // Move to the next card with the dialog (Flytt, above Stem).
    await sendKeys({ press: 'ArrowUp' });
    await settled(guide);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement()?.matches('input[type=radio]'), 'the move dialog opens with focus on the cards');
    await sendKeys({ press: 'ArrowDown' });
    await tabTo((el) => el?.matches('dialog button[type=submit]') ?? false);
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(guide.data.notes[0].cardId).to.equal('t1-forankring');
    expect(deepActiveElement()?.matches('button.add')).to.be.true;

    // A follow-up action: «Legg til oppfølging» opens the form (its code fetched on first use), typed and
    // submitted with Enter, then ticked off with Space.
    await tabTo((el) => el?.matches('button.add-button') ?? false);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement()?.matches('input[name=what]'), 'the follow-up form opens with focus in "what"');
    await sendKeys({ type: 'Book møte med rådmannen' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kari' });
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(guide.data.actions.map((a) => [a.what, a.who, a.done])).to.deep.equal([['Book møte med rådmannen', 'Kari', false]]);
    await tabTo((el) => el?.matches('input[type=checkbox]') === true && !el.closest('.participant'), { back: true });
    await sendKeys({ press: ' ' });
    await settled(guide);
    expect(guide.data.actions[0].done).to.be.true;

    // Delete (the menu's last item), and undo with Ctrl+Z.
    await tabTo(inLapp('Kortere ventetid for alle', 'button.menu-button'), { back: true });
    await sendKeys({ press: 'ArrowUp' });
    await settled(guide);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Slett');
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(guide.data.notes).to.have.length(0);
    expectFocusOn(addButtonOf(cardIn(guide, 't1-forankring')));
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    await settled(guide);
    expect(guide.data.notes.map((n) => n.text)).to.deep.equal(['Kortere ventetid for alle']);
    expect(guide.data.notes[0].votes).to.have.length(1);
  });

  it('leads a session and takes part in one by keyboard alone: phase, hidden writing, reveal, timebox, presentation', async function () {
    this.timeout(40_000); // dozens of real key presses and two chunks on a busy 2-core machine
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()} step="2"></innovasjon-guide>`);
    await settled(guide);
    const className = (name: string) => (element: Element | null) => !!element?.classList.contains(name);
    await tabTo(className('lead-toggle'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => guideHarness(guide).phasePanel, 'the phase panel opens');
    await tabTo((element) => element?.getAttribute('name') === 'phase');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => guide.session.phase === 'write', 'Skriv is chosen with an arrow key');
    await tabTo(className('hide-writing'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => guide.session.hidden, 'writing is hidden');
    await waitUntil(() => deepActiveElement()?.classList.contains('reveal'), 'focus goes on to «Vis alle lappene», which took the button’s place');

    const card = cardIn(guide, 't2-forsta');
    await tabTo((element) => element === addButtonOf(card));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement()?.localName === 'textarea', 'the new note has focus');
    await sendKeys({ type: 'Stille skriving' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => kortHarness(card).hiddenLapps.length > 0, 'the note is kept hidden');
    expect(guide.data.notes).to.deep.equal([]);

    await tabTo(className('reveal'), { back: true });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => guide.data.notes.length === 1, 'the reveal brings the note in');

    await tabTo((element) => element?.getAttribute('name') === 'minutes');
    await sendKeys({ press: 'ArrowUp' });
    await tabTo(className('start-timer'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => guide.session.timer?.duration === 6 * 60_000, 'a six-minute timebox runs');
    await waitUntil(() => deepActiveElement()?.classList.contains('stop-timer'), 'focus goes on to Stop');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => guide.session.timer === null, 'the timebox stops');
    await waitUntil(() => deepActiveElement()?.classList.contains('start-timer'), 'and back to Start');

    await tabTo(className('start-presentation'), { back: true });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => guide.presentation, 'the presentation opens');
    expectFocusOn(guideHarness(guide).endPresentationButton);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !guide.presentation, 'Escape ends it');
    expectFocusOn(guideHarness(guide).startPresentationButton);
  });

  it('passes axe in every phase, with hidden writing and the facilitator’s panel open, and in the presentation view', async function () {
    this.timeout(60_000); // six axe runs over a whole step: up to 9 s each on a busy 2-core machine
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()} step="2"></innovasjon-guide>`);
    guide.addNote('t2-forsta', 'Innbyggerne', { author: 'Kari' });
    guideHarness(guide).leadToggle!.click();
    await waitUntil(() => guideHarness(guide).phasePanel, 'the phase panel opens');
    for (const [phase, hidden] of [['write', true], ['share', false], ['vote', false], ['agree', false]] as const) {
      guide.setPhase(phase, { hidden });
      if (phase === 'write') cardIn(guide, 't2-forsta').startNote();
      if (phase === 'vote') guide.startTimer(60);
      await settled(guide);
      await expect(guide, phase).to.be.accessible();
    }
    guide.presentation = true;
    await settled(guide);
    await expect(guide, 'presentation').to.be.accessible();
  });

  it('tabs through a step in reading order', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t1-mal', 'A');
    guide.addNote('t1-team', 'B');
    await settled(guide);
    const expected = focusablesInOrder(guide);
    const seen: Element[] = [];
    (expected[0] as HTMLElement).focus();
    seen.push(deepActiveElement()!);
    // A date field takes several Tab presses (day, month, year): count each control once.
    for (let presses = 0; seen.length < expected.length && presses < expected.length * 4; presses++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement()!;
      if (active !== seen[seen.length - 1]) seen.push(active);
    }
    expect(seen).to.deep.equal(expected);
  });

  it('passes axe in the print layout', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t2-forsta', 'På papir');
    window.dispatchEvent(new Event('beforeprint'));
    try {
      await settled(guide);
      expect(guide.hasAttribute('printing')).to.be.true;
      await expect(guide).to.be.accessible();
    } finally {
      window.dispatchEvent(new Event('afterprint'));
    }
  });

  it('offers Undo after a delete as a button too', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="3"></innovasjon-guide>`);
    guide.addNote('t3-teste', 'Slett og angre');
    await settled(guide);
    await harness(lappsIn(cardIn(guide, 't3-teste'))[0]).choose('Slett');
    await settled(guide);
    const toast = guideHarness(guide).toast!;
    expect(toast.textContent).to.contain('Lapp slettet');
    await expect(guide).to.be.accessible();
    await click(guideHarness(guide).undoButton);
    await settled(guide);
    expect(lappsIn(cardIn(guide, 't3-teste')).map((l) => l.text)).to.deep.equal(['Slett og angre']);
    expect(guideHarness(guide).toast === null, 'absent: .toast').to.be.true;
    expect(deepActiveElement()?.matches('p.edit-text')).to.be.true;
  });

  it('announces additions and deletions politely', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    await settled(guide);
    await click(addButtonOf(cardIn(guide, 't1-mal')));
    await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
    await sendKeys({ type: 'Hørt' });
    await sendKeys({ press: 'Enter' });
    await expectAnnounced('Lapp lagt til: Hørt');
  });

  it('lets the host choose where the heading outline starts', async () => {
    const trinn = await fixture<InnovasjonTrinn>(html`<innovasjon-trinn no-storage number="2" heading-level="3"></innovasjon-trinn>`);
    await settled(trinn);
    expect(trinnHarness(trinn).title.localName).to.equal('h3');
    expect(cardsIn(trinn).map((card) => kortHarness(card).question.localName)).to.deep.equal(['h4', 'h4', 'h4']);
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage heading-level="1"></innovasjon-guide>`);
    await settled(guide);
    expect(guideHarness(guide).sheetTitle.localName).to.equal('h1');
  });

  it('reflows at 320 CSS px without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t1-mal', 'Et veldig langt ord: Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen');
    await settled(guide);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const card of cardsIn(guide)) expect(card.getBoundingClientRect().right).to.be.at.most(320);
    // The note's menu fits too.
    const note = harness(lappsIn(cardIn(guide, 't1-mal'))[0]);
    const box = (await note.openMenu()).getBoundingClientRect();
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(320);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('gives every control a target of at least 24 × 24 px', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t1-mal', 'En');
    guide.addNote('t1-mal', 'To');
    await settled(guide);
    const small = focusablesInOrder(guide)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ el, box }) => `${el.localName}.${el.className} ${box.width}×${box.height}`);
    expect(small).to.deep.equal([]);
  });

  it('keeps text contrast at 4.5:1 on every note colour, on the accent and on cards; the focus ring at 3:1', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    for (const color of ['yellow', 'pink', 'blue', 'green', 'orange'] as const) guide.addNote('t1-mal', color, { color });
    await settled(guide);
    const { ring, accent } = expectGuideContrast(guide);
    expect(contrast(ring, accent), 'ring apart from the accent').to.be.at.least(1.5);
  });

  // emulateMedia drives Chrome DevTools Protocol, which Firefox over WebDriver BiDi does not have.
  const chromiumOnly = navigator.userAgent.includes('Firefox') ? it.skip : it;
  chromiumOnly('honours reduced motion and works in dark colour schemes without losing contrast', async () => {
    await emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
    try {
      const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
      guide.addNote('t1-mal', 'Mørk');
      await settled(guide);
      const style = getComputedStyle(harness(lappsIn(cardIn(guide, 't1-mal'))[0]).note);
      expect(contrast(style.color, style.backgroundColor)).to.be.at.least(4.5);
      expect(style.transitionDuration.split(',').every((d) => parseFloat(d) === 0)).to.be.true;
      await expect(guide).to.be.accessible();
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
    }
  });

  chromiumOnly('works in Windows High Contrast (forced-colors): every control keeps a border, the pressed vote a system colour', async () => {
    await executeServerCommand('emulate-forced-colors', { active: true });
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.be.true;
      const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1" votes-per-person="2"></innovasjon-guide>`);
      await settled(guide);
      guide.addNote('t1-mal', 'Høy kontrast');
      await settled(guide);
      const lapp = harness(lappsIn(cardIn(guide, 't1-mal'))[0]);
      await click(lapp.voteButton!);
      await settled(guide);
      const note = getComputedStyle(lapp.note);
      expect(parseFloat(note.borderTopWidth)).to.be.at.least(2);
      expect(lapp.voteButton!.getAttribute('aria-pressed'), 'the vote is pressed').to.equal('true');
      const pressed = getComputedStyle(lapp.voteButton!);
      const plain = getComputedStyle(lapp.menuButton);
      expect(pressed.backgroundColor, 'pressed stands apart').not.to.equal(plain.backgroundColor);
      for (const button of focusablesInOrder(guide).filter((el) => el.localName === 'button')) {
        expect(parseFloat(getComputedStyle(button).borderTopWidth), button.className).to.be.at.least(1);
      }
      await expect(guide).to.be.accessible();
      // The open menu too: its popup keeps a border, and the current colour is marked by more than colour.
      await lapp.openMenu();
      expect(parseFloat(getComputedStyle(lapp.menu!).borderTopWidth)).to.be.at.least(2);
      const checked = lapp.item('gul').querySelector('.check')!;
      expect(getComputedStyle(checked).visibility).to.equal('visible');
      await expect(guide).to.be.accessible();
    } finally {
      await executeServerCommand('emulate-forced-colors', { active: false });
    }
  });

  for (const [name, theme] of Object.entries(themes)) {
    it(`keeps contrast and passes axe in the ${name} theme example`, async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><innovasjon-guide no-storage step="1"></innovasjon-guide></div>`);
      for (const [property, value] of Object.entries(theme)) wrapper.style.setProperty(property, value);
      const guide = wrapper.querySelector('innovasjon-guide')!;
      for (const color of ['yellow', 'pink', 'blue', 'green', 'orange'] as const) guide.addNote('t1-mal', color, { color, author: 'Kari' });
      await settled(guide);
      expectGuideContrast(guide);
      await expect(guide).to.be.accessible();
      const lapp = harness(lappsIn(cardIn(guide, 't1-mal'))[0]);
      await lapp.openMenu();
      const menu = getComputedStyle(lapp.menu!);
      for (const item of lapp.items) {
        expect(contrast(getComputedStyle(item).color, menu.backgroundColor), item.textContent!).to.be.at.least(4.5);
      }
      await expect(guide).to.be.accessible();
    });
  }
});
