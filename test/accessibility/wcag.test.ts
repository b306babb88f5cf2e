// WCAG 2.1 success criteria that the other tests did not reach yet, each checked in a real browser
// (docs/tilgjengelighet.md names these tests by their exact names: scripts/check-a11y-report.mjs).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { cardIn, composedElements, deepActiveElement, lappsIn, settled, shadowRootsIn, waitUntil } from '../helpers.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { chime, setSound } from '../../src/internal/chime.js';

/** Every element of the composed tree below `root` (shadow roots included), `root` too. */
const composed = composedElements;

const describeElement = (element: Element) =>
  `${element.localName}${element.className && typeof element.className === 'string' ? `.${element.className.trim().replace(/\s+/g, '.')}` : ''}`;

/**
 * Elements that cut off their own content: overflow hidden or clip with content larger than the box.
 * One-pixel boxes are the visually-hidden text meant for screen readers, and are left out.
 */
function clipped(root: Element): string[] {
  return composed(root)
    .filter((element) => {
      const style = getComputedStyle(element);
      if (style.display === 'none' || !element.getClientRects().length) return false;
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return false;
      const cuts = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
      return (
        (cuts(style.overflowX) && element.scrollWidth > element.clientWidth + 1) ||
        (cuts(style.overflowY) && element.scrollHeight > element.clientHeight + 1)
      );
    })
    .map((element) => `${describeElement(element)} ${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`);
}

/** [r, g, b, alpha] of a computed colour: rgb()/rgba(), or color(srgb …) as color-mix() gives it. */
function channels(colour: string): [number, number, number, number] {
  const numbers = (colour.match(/[\d.]+/g) ?? []).map(Number);
  if (colour.startsWith('color(srgb')) return [numbers[0] * 255, numbers[1] * 255, numbers[2] * 255, numbers[3] ?? 1];
  return [numbers[0], numbers[1], numbers[2], numbers[3] ?? 1];
}
function luminance(colour: string): number {
  const [r, g, b] = channels(colour).slice(0, 3).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
};
/** The first opaque background behind `element` (its ancestors across shadow roots), white at the top. */
function backgroundBehind(element: Element): string {
  let node: Element | null = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null);
  while (node) {
    const background = getComputedStyle(node).backgroundColor;
    if (channels(background)[3] > 0.99) return background;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
  }
  return 'rgb(255, 255, 255)';
}

/** A guide on step 1 with notes on every card, the way a team leaves it. */
async function guideWithNotes(attributes: { votes?: number } = {}): Promise<InnovasjonGuide> {
  const guide = await fixture<InnovasjonGuide>(
    attributes.votes
      ? html`<innovasjon-guide no-storage step="1" votes-per-person=${attributes.votes}></innovasjon-guide>`
      : html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`,
  );
  guide.addNote('t1-mal', 'Kortere ventetid for innbyggerne som søker om byggetillatelse', { author: 'Kari' });
  guide.addNote('t1-mal', 'Færre telefoner', { color: 'pink', author: 'Ola' });
  guide.addNote('t1-team', 'Hvem eier tjenesten?', { color: 'blue' });
  await settled(guide);
  return guide;
}

/** Presses Tab (Shift+Tab with `back`) until `wanted` is focused; returns what was focused on the way. */
async function tabUntil(wanted: () => boolean, { back = false, max = 150 } = {}): Promise<Element[]> {
  const seen: Element[] = [];
  for (let presses = 0; presses < max; presses++) {
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
    const active = deepActiveElement();
    if (active) seen.push(active);
    if (wanted()) return seen;
  }
  throw new Error(`Tab${back ? ' (back)' : ''} did not get there in ${max} presses; last: ${seen.slice(-5).map(describeElement).join(' → ')}`);
}

describe('WCAG 2.1 checks in a real browser', function () {
  this.timeout(30_000); // whole guides and a hundred-odd real key presses on a busy 2-core machine
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    document.documentElement.style.removeProperty('font-size');
  });

  it('1.4.4: text set to 200 % grows with the page, without clipping or horizontal scrolling', async () => {
    await setViewport({ width: 1280, height: 800 });
    const guide = await guideWithNotes();
    const sizes = () => [
      parseFloat(getComputedStyle(composed(guide).find((element) => element.matches('h1, h2, h3'))!).fontSize),
      parseFloat(getComputedStyle(harness(lappsIn(cardIn(guide, 't1-mal'))[0]).note).fontSize),
      parseFloat(getComputedStyle(kortHarness(cardIn(guide, 't1-mal')).question).fontSize),
    ];
    const before = sizes();
    document.documentElement.style.fontSize = '200%';
    await settled(guide);
    await waitUntil(() => sizes()[0] >= before[0] * 1.99, 'the heading follows the page’s text size');
    sizes().forEach((size, index) => expect(size, `text ${index}`).to.be.closeTo(before[index] * 2, 0.5));
    expect(document.documentElement.scrollWidth, 'no horizontal scrolling').to.be.at.most(1280);
    expect(clipped(guide)).to.deep.equal([]);
  });

  it('1.4.12: text spacing set by the reader cuts off no text and hides no control', async () => {
    const guide = await guideWithNotes();
    // WCAG's own numbers: line height 1.5, paragraphs 2 × the font size apart, letters 0.12 and words 0.16 × apart.
    // A reader's style sheet does not cross shadow boundaries; a bookmarklet that does would add it to each root.
    const spacing = new CSSStyleSheet();
    spacing.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
      p { margin-block-end: 2em !important; }`);
    const roots = shadowRootsIn(guide);
    for (const root of roots) root.adoptedStyleSheets = [...root.adoptedStyleSheets, spacing];
    try {
      await settled(guide);
      const note = harness(lappsIn(cardIn(guide, 't1-mal'))[0]).note;
      expect(getComputedStyle(note).letterSpacing).not.to.equal('normal');
      expect(clipped(guide)).to.deep.equal([]);
      // Text stays inside its control, note, card and line: what spills out could cover other text.
      const spills = composed(guide)
        .filter((element) => element.matches('button, label, p, li, h1, h2, h3, h4, h5, legend, .note, .card') && element.getClientRects().length)
        .filter((element) => element.scrollWidth > element.clientWidth + 1)
        .map((element) => `${describeElement(element)} «${element.textContent!.replace(/\s+/g, ' ').trim().slice(0, 40)}» ${element.scrollWidth} in ${element.clientWidth}`);
      expect(spills).to.deep.equal([]);
    } finally {
      for (const root of roots) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== spacing);
    }
  });

  it('1.3.4: works in landscape as in portrait on a small screen', async () => {
    for (const [width, height] of [[320, 640], [640, 320]]) {
      await setViewport({ width, height });
      const guide = await guideWithNotes();
      expect(document.documentElement.scrollWidth, `${width}×${height}`).to.be.at.most(width);
      expect(guideHarness(guide).nav.getClientRects().length, `${width}×${height}: the steps`).to.be.greaterThan(0);
      expect(clipped(guide), `${width}×${height}`).to.deep.equal([]);
    }
  });

  it('2.1.2: Tab and Shift+Tab lead into the guide and out of it again, also from a note being written', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <button type="button" id="before">Før guiden</button>
      <innovasjon-guide no-storage step="1"></innovasjon-guide>
      <button type="button" id="after">Etter guiden</button>
    </div>`);
    const guide = page.querySelector<InnovasjonGuide>('innovasjon-guide')!;
    guide.addNote('t1-mal', 'En lapp');
    await settled(guide);
    const before = page.querySelector<HTMLButtonElement>('#before')!;
    const after = page.querySelector<HTMLButtonElement>('#after')!;
    before.focus();
    const forward = await tabUntil(() => document.activeElement === after);
    const inGuide = new Set(composed(guide));
    expect(forward.filter((element) => inGuide.has(element)).length, 'Tab went through the guide').to.be.greaterThan(5);
    await tabUntil(() => document.activeElement === before, { back: true });

    // A note being written: Tab takes focus on (the note is kept), and on out of the guide.
    await cardIn(guide, 't1-mal').startNote();
    await waitUntil(() => deepActiveElement()?.localName === 'textarea', 'the new note has focus');
    await sendKeys({ type: 'Skrevet' });
    await tabUntil(() => document.activeElement === after);
    await tabUntil(() => document.activeElement === before, { back: true });
  });

  it('2.1.2: a dialog opened by keyboard lets go with Escape, focus back where it was', async () => {
    const guide = await guideWithNotes();
    const note = harness(lappsIn(cardIn(guide, 't1-team'))[0]);
    await note.choose('Flytt');
    await waitUntil(() => guideHarness(guide).openDialog ?? composed(guide).find((element) => element.matches('dialog[open]')), 'the move dialog opens');
    await waitUntil(() => deepActiveElement()?.closest('dialog'), 'focus is inside the dialog');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !composed(guide).some((element) => element.matches('dialog[open]')), 'Escape closes the dialog');
    await waitUntil(() => deepActiveElement()?.matches('button.menu-button'), 'focus is back on the note’s menu button');
  });

  it('2.4.7: every control reached by Tab shows a focus ring of at least 2 px', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <button type="button" id="before">Før guiden</button>
      <innovasjon-guide no-storage step="1" votes-per-person="3"></innovasjon-guide>
      <button type="button" id="after">Etter guiden</button>
    </div>`);
    const guide = page.querySelector<InnovasjonGuide>('innovasjon-guide')!;
    guide.addNote('t1-mal', 'En lapp', { author: 'Kari' });
    guide.addNote('t1-team', 'En til', { color: 'green' });
    await settled(guide);
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    const after = page.querySelector('#after');
    const withoutRing: string[] = [];
    let reached = 0;
    for (let presses = 0; presses < 150 && document.activeElement !== after; presses++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      if (!active || active === after) continue;
      reached++;
      const style = getComputedStyle(active);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      if (!ring || !active.matches(':focus-visible')) withoutRing.push(`${describeElement(active)} (${style.outlineStyle} ${style.outlineWidth})`);
    }
    expect(document.activeElement === after, 'Tab left the guide').to.be.true;
    expect(reached).to.be.greaterThan(10);
    expect(withoutRing).to.deep.equal([]);
  });

  it('2.5.3: the visible words of every control are in its accessible name', async () => {
    const guide = await guideWithNotes({ votes: 3 });
    const note = harness(lappsIn(cardIn(guide, 't1-mal'))[0]);
    await note.openMenu();
    const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    const nameOf = (element: Element) => {
      const labelledBy = element.getAttribute('aria-labelledby');
      if (labelledBy) {
        const root = element.getRootNode() as ShadowRoot | Document;
        return squeeze(labelledBy.split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(' '));
      }
      return squeeze(element.getAttribute('aria-label') ?? element.textContent);
    };
    const controls = composed(document.body).filter(
      (element) => element.matches('button, a[href], [role=button], [role=menuitem], [role=menuitemradio], summary') && element.getClientRects().length > 0,
    );
    expect(controls.length).to.be.greaterThan(10);
    const mismatched = controls
      .map((element) => ({ element, visible: squeeze((element as HTMLElement).innerText), name: nameOf(element) }))
      // Words only: a symbol shown beside a name (⋯, ×, ✓) is not a label a person says aloud.
      .filter(({ visible }) => /\p{L}/u.test(visible))
      .filter(({ visible, name }) => !visible.split(' ').filter((word) => /\p{L}/u.test(word)).every((word) => name.includes(word.replace(/[^\p{L}\p{N}-]/gu, ''))))
      .map(({ element, visible, name }) => `${describeElement(element)}: shows «${visible}», is named «${name}»`);
    expect(mismatched).to.deep.equal([]);
  });

  it('2.2.1: the Undo offer stays while focus is on it when its 15 s are up, and goes after', async () => {
    const guide = await guideWithNotes();
    const pending: Array<() => void> = [];
    const realSetTimeout = window.setTimeout;
    // The offer's 15 s, run by hand; every other timer as usual.
    window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
      if (delay === 15000 && typeof handler === 'function') {
        pending.push(handler as () => void);
        return 0;
      }
      return realSetTimeout(handler, delay, ...rest);
    }) as typeof window.setTimeout;
    try {
      await harness(lappsIn(cardIn(guide, 't1-team'))[0]).choose('Slett');
      await waitUntil(() => guideHarness(guide).toast, 'the Undo offer shows');
      const undo = guideHarness(guide).undoButton;
      undo.focus();
      expect(pending.length, 'the offer set its 15 s').to.be.greaterThan(0);
      pending.splice(0).forEach((run) => run());
      await settled(guide);
      expect(guideHarness(guide).toast !== null, 'kept while focus is on it').to.be.true;
      undo.blur();
      await waitUntil(() => pending.length > 0, 'the offer set its 15 s once more');
      pending.splice(0).forEach((run) => run());
      await settled(guide);
      expect(guideHarness(guide).toast === null, 'gone 15 s after focus left').to.be.true;
    } finally {
      window.setTimeout = realSetTimeout;
    }
  });
  it('1.3.5: the person’s own name field says it is a name (autocomplete="name"); fields about others do not', async () => {
    const guide = await guideWithNotes();
    const own = composed(guide).filter((element) => element.matches('.participant input[type=text]'));
    expect(own.length).to.equal(1);
    expect(own[0].getAttribute('autocomplete')).to.equal('name');
    // The follow-up's «who» is anyone on the team, not this person: the browser must not fill in their name.
    const form = composed(guide).find((element) => element.matches('button.add-button'));
    (form as HTMLButtonElement).click();
    await waitUntil(() => composed(guide).some((element) => element.matches('input[name=who]')), 'the follow-up form opens');
    const who = composed(guide).find((element) => element.matches('input[name=who]'))!;
    expect(who.getAttribute('autocomplete')).to.equal('off');
  });

  it('1.4.2: makes no sound unless the person turned it on, and then under a second', async () => {
    const started: number[] = [];
    const stops: number[] = [];
    class FakeAudioContext {
      currentTime = 0;
      destination = {};
      resume = async () => {};
      createGain = () => ({ gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (next: unknown) => next });
      createOscillator = () => ({
        frequency: { value: 0 },
        connect: (next: unknown) => next,
        start: (at: number) => started.push(at),
        stop: (at: number) => stops.push(at),
      });
    }
    const real = window.AudioContext;
    Object.defineProperty(window, 'AudioContext', { value: FakeAudioContext, configurable: true, writable: true });
    try {
      setSound(false);
      chime();
      expect(started, 'off by default: no tone').to.deep.equal([]);
      setSound(true);
      chime();
      expect(started.length, 'two tones once turned on').to.equal(2);
      expect(Math.max(...stops), 'all over within a second').to.be.at.most(1);
    } finally {
      setSound(false);
      Object.defineProperty(window, 'AudioContext', { value: real, configurable: true, writable: true });
    }
  });
  it('1.4.11: every button is told apart by an edge or fill at 3:1, or by its own text and symbols at 4.5:1 and 3:1', async () => {
    // W3C's reading of 1.4.11: a button that shows no edge is identified by its text or symbol, which then
    // carries the contrast; one that draws an edge or a fill to be seen as a button needs 3:1 for it.
    const guide = await guideWithNotes({ votes: 3 });
    const buttons = composed(guide).filter((element) => element.localName === 'button' && element.getClientRects().length > 0);
    expect(buttons.length).to.be.greaterThan(10);
    const faint = buttons
      .map((button) => {
        const style = getComputedStyle(button);
        const behind = backgroundBehind(button);
        const fill = channels(style.backgroundColor)[3] > 0.99 ? style.backgroundColor : behind;
        const edge = parseFloat(style.borderTopWidth) >= 1 && channels(style.borderTopColor)[3] > 0.99 ? contrast(style.borderTopColor, behind) : 0;
        const shape = Math.max(edge, contrast(fill, behind));
        const words = /\p{L}/u.test(button.textContent!);
        const ink = contrast(style.color, fill);
        return { button, shape, ink, ok: shape >= 3 || ink >= (words ? 4.5 : 3) };
      })
      .filter(({ ok }) => !ok)
      .map(({ button, shape, ink }) => `${describeElement(button)} «${button.textContent!.trim().slice(0, 30)}» edge/fill ${shape.toFixed(2)}:1, text ${ink.toFixed(2)}:1`);
    expect(faint).to.deep.equal([]);
  });

  it('1.4.1: the current step stands apart by more than hue: 3:1 against the other steps, and aria-current', async () => {
    const guide = await guideWithNotes();
    const current = guideHarness(guide).currentStepButton;
    const other = guideHarness(guide).otherStepButton;
    expect(current.textContent).to.contain('Legg grunnlaget');
    expect(contrast(getComputedStyle(current).backgroundColor, getComputedStyle(other).backgroundColor)).to.be.at.least(3);
  });

  it('2.1.4: letters typed outside a text field change nothing', async () => {
    const guide = await guideWithNotes();
    const before = JSON.stringify(guide.data);
    guideHarness(guide).currentStepButton.focus();
    await sendKeys({ type: 'asdfzxcvnmqwertyuiopjklbgh 1234567890?+' });
    await settled(guide);
    expect(JSON.stringify(guide.data)).to.equal(before);
    expect(guide.step).to.equal(1);
    expect(guide.presentation).to.equal(false);
    expect(composed(guide).some((element) => element.matches('dialog[open], .toast, [role=menu]:popover-open'))).to.equal(false);
  });
});
