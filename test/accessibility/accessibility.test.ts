import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { themes } from '../../stories/themes.js';
import { addButtonOf, cardIn, cardsIn, click, deepActiveElement, inShadow, lappsIn, settled, uniqueKey, expectFocusOn } from '../helpers.js';

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

/** Every control a keyboard reaches, in the order of the composed tree. */
function focusablesInOrder(root: Element): Element[] {
  const found: Element[] = [];
  const selector = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';
  const walk = (node: Element) => {
    if (node.matches(selector) && !(node as HTMLButtonElement).disabled && node.getClientRects().length) found.push(node);
    const children = node.shadowRoot ? [...node.shadowRoot.children] : [...node.children];
    for (const child of children) walk(child);
  };
  walk(root);
  return found;
}

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
    const style = getComputedStyle(inShadow(lapp, '.note'));
    expect(contrast(style.color, style.backgroundColor), lapp.color).to.be.at.least(4.5);
  }
  const current = getComputedStyle(inShadow(guide, 'nav button[aria-current=step]'));
  expect(contrast(current.color, current.backgroundColor)).to.be.at.least(4.5);
  const card = getComputedStyle(inShadow(cardIn(guide, 't1-mal'), '.card'));
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

  it('walks the journey by keyboard alone: steps, add, edit, cancel, colour, vote, move, follow-up, delete and undo', async () => {
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
    expect(deepActiveElement()?.matches('button.edit')).to.be.true;

    // Edit and save; edit and cancel.
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

    // Colour.
    await tabTo(inLapp('Kortere ventetid for alle', 'select.color'));
    await sendKeys({ press: 'ArrowDown' });
    await settled(guide);
    expect(guide.data.notes[0].color).to.equal('pink');

    // Vote (it sits before the buttons).
    await tabTo(inLapp('Kortere ventetid for alle', 'button.vote'), { back: true });
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(guide.data.notes[0].votes).to.have.length(1);

    // Move to the next card with the dialog.
    await tabTo(inLapp('Kortere ventetid for alle', 'button.move'));
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(deepActiveElement()?.matches('input[type=radio]')).to.be.true;
    await sendKeys({ press: 'ArrowDown' });
    await tabTo((el) => el?.matches('dialog button[type=submit]') ?? false);
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(guide.data.notes[0].cardId).to.equal('t1-forankring');
    expect(deepActiveElement()?.matches('button.add')).to.be.true;

    // A follow-up action, typed and submitted with Enter, then ticked off with Space.
    await tabTo((el) => el?.matches('input[name=what]') ?? false);
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

    // Delete, and undo with Ctrl+Z.
    await tabTo(inLapp('Kortere ventetid for alle', 'button.delete'), { back: true });
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
    await click(inShadow(lappsIn(cardIn(guide, 't3-teste'))[0], 'button.delete'));
    await settled(guide);
    const toast = inShadow(guide, '.toast');
    expect(toast.textContent).to.contain('Lapp slettet');
    await expect(guide).to.be.accessible();
    await click(inShadow(guide, '.toast button.undo'));
    await settled(guide);
    expect(lappsIn(cardIn(guide, 't3-teste')).map((l) => l.text)).to.deep.equal(['Slett og angre']);
    expect(guide.shadowRoot!.querySelector('.toast') === null, 'absent: .toast').to.be.true;
    expect(deepActiveElement()?.matches('button.edit')).to.be.true;
  });

  it('announces additions and deletions politely', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    await settled(guide);
    const region = inShadow(guide, '[role=status][aria-live=polite]');
    await click(addButtonOf(cardIn(guide, 't1-mal')));
    await settled(guide);
    await sendKeys({ type: 'Hørt' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => region.textContent?.includes('Lapp lagt til: Hørt'), 'the addition is announced: "Lapp lagt til: Hørt"');
  });

  it('lets the host choose where the heading outline starts', async () => {
    const trinn = await fixture<InnovasjonTrinn>(html`<innovasjon-trinn no-storage number="2" heading-level="3"></innovasjon-trinn>`);
    await settled(trinn);
    expect(inShadow(trinn, '.title').localName).to.equal('h3');
    expect(cardsIn(trinn).map((card) => inShadow(card, '.question').localName)).to.deep.equal(['h4', 'h4', 'h4']);
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage heading-level="1"></innovasjon-guide>`);
    await settled(guide);
    expect(inShadow(guide, '.sheet-title').localName).to.equal('h1');
  });

  it('reflows at 320 CSS px without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t1-mal', 'Et veldig langt ord: Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen');
    await settled(guide);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const card of cardsIn(guide)) expect(card.getBoundingClientRect().right).to.be.at.most(320);
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
      const style = getComputedStyle(inShadow(lappsIn(cardIn(guide, 't1-mal'))[0], '.note'));
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
      const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
      await settled(guide);
      guide.addNote('t1-mal', 'Høy kontrast');
      await settled(guide);
      const lapp = lappsIn(cardIn(guide, 't1-mal'))[0];
      await click(inShadow(lapp, 'button.vote'));
      await settled(guide);
      const note = getComputedStyle(inShadow(lapp, '.note'));
      expect(parseFloat(note.borderTopWidth)).to.be.at.least(2);
      const pressed = getComputedStyle(inShadow(lapp, 'button.vote[aria-pressed=true]'));
      const plain = getComputedStyle(inShadow(lapp, 'button.edit'));
      expect(pressed.backgroundColor, 'pressed stands apart').not.to.equal(plain.backgroundColor);
      for (const button of focusablesInOrder(guide).filter((el) => el.localName === 'button')) {
        expect(parseFloat(getComputedStyle(button).borderTopWidth), button.className).to.be.at.least(1);
      }
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
    });
  }
});
