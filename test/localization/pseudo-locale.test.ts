// Issue 28: a language added with one XLIFF file and one line of configuration
// reaches every string. The pseudo-locale se-x-pseudo (locales/se-x-pseudo.xlf,
// written by scripts/pseudo-locale.mjs from the bokmål source) puts every
// catalogue string in ⟦…⟧; these tests render every element, state and
// on-demand feature in it and fail on any human text outside ⟦…⟧: text nodes,
// aria-label, aria-description, title, placeholder, alt in every shadow root,
// what the live region says, and the export formats.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { dateFormat, numberFormat } from '../../src/internal/intl.js';
import { noteCount } from '../../src/internal/note-count.js';
import { getLocale, setLocale } from '../../src/localization.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { addButtonOf, cardIn, click, deepQuery, hasRendered, lappsIn, settled, shadowRootOf, uniqueKey, waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { romStatusHarness } from '../innovasjon-rom-status/harness.js';
import { tidtakerHarness } from '../innovasjon-tidtaker/harness.js';
import type { InnovasjonRomStatus } from '../../src/innovasjon-rom-status/innovasjon-rom-status.component.js';
import { FakeRoom } from '../innovasjon-rom-status/fake-room.js';
import { ManualClock } from '../manual-clock.js';
import '../../src/innovasjon-tidtaker/innovasjon-tidtaker.js';
import type { InnovasjonTidtaker } from '../../src/innovasjon-tidtaker/innovasjon-tidtaker.component.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { SessionRoleError, type SessionKeeper } from '../../src/sources/session-keeper.js';
import type { PageGuide } from '../../src/sources/page-guide.js';
import type { SessionState } from '../../src/store/session.js';

const PSEUDO = 'se-x-pseudo';
const DATE = '2026-11-20';
/** The follow-up's due date as Intl writes it in the active locale: locale data, not the catalogue. */
let dates: string[] = [];

/** What the test itself writes: people's text is never translated. */
const USER_CONTENT = ['Kari', 'Ola', 'Ventetid', 'Færre telefoner', 'Ledermøtet', 'Book møte', 'Fra fil', 'Vårt arbeid', 'eksport.json'];

/**
 * Text that is right as it is in every language, each for a reason.
 * Dates are Intl's (locale data, not the catalogue), added per test.
 */
const NOT_TRANSLATABLE: [RegExp, string][] = [
  [/\b(Markdown|CSV|JSON)\b/g, 'file format names, the same in every language, inside a translated label'],
  [/\bKS\b/g, 'the publisher’s name (KS, Kommunesektorens organisasjon), in the credit line'],
];

/** Letters and the dual's mark, with accents and brackets taken away: «⟦Flýtt⟧» → «Flytt». */
const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f⟦⟧²]/g, '').replace(/\s+/g, ' ').trim();

/** What is left of `text` once every ⟦…⟧, the user's own text and the allowed tokens are taken out, if it has a letter. */
function unmarked(text: string, extra: string[] = []): string | null {
  let rest = text;
  while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  for (const token of [...USER_CONTENT, ...dates, ...extra]) rest = rest.split(token).join(' ');
  for (const [pattern] of NOT_TRANSLATABLE) rest = rest.replace(pattern, ' ');
  return /\p{L}/u.test(rest) ? rest.replace(/\s+/g, ' ').trim() : null;
}

const ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt'];

/** Every human string under `root`, across shadow roots: text nodes and the attributes people hear or see. */
function stringsIn(root: Node): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const walk = (node: Node, path: string) => {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.nodeValue!.trim()) found.push({ where: path, text: node.nodeValue! });
      return;
    }
    if (!(node instanceof Element || node instanceof ShadowRoot || node instanceof DocumentFragment)) return;
    let here = path;
    if (node instanceof Element) {
      if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
      // Marked as not for translation (HTML's translate="no"): only the import error's technical detail, in English.
      if (node.getAttribute('translate') === 'no') {
        expect(node.matches('.import-error .detail > code[lang=en]'), `translate="no" on ${path} > ${node.localName}`).to.be.true;
        return;
      }
      here = `${path} > ${node.localName}${node.className && typeof node.className === 'string' ? `.${node.className.trim().split(/\s+/).join('.')}` : ''}`;
      for (const name of ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value?.trim()) found.push({ where: `${here}[${name}]`, text: value });
      }
      const shadow = shadowRootOf(node);
      if (shadow) walk(shadow, `${here} >>`);
    }
    for (const child of node.childNodes) walk(child, here);
  };
  walk(root, '');
  return found;
}

/** Every announcement the live region makes while a test runs. */
const heard: string[] = [];
const listener = new MutationObserver(() => {
  const region = document.querySelector('[data-innovasjon-announcer]');
  if (region?.textContent?.trim()) heard.push(region.textContent);
});

/** Fails with every string under `root` (and every announcement so far) that is not from the catalogue. */
function expectAllFromCatalogue(root: Node, what: string, extra: string[] = []): void {
  const strings = stringsIn(root);
  expect(strings.filter(({ text }) => text.includes('⟦')).length, `${what}: the walk finds pseudo text`).to.be.greaterThan(0);
  const problems = [
    ...strings.map(({ where, text }) => ({ where, rest: unmarked(text, extra), text })),
    ...heard.map((text) => ({ where: 'live region', rest: unmarked(text, extra), text })),
  ].filter(({ rest }) => rest !== null);
  expect(
    problems.map(({ where, rest, text }) => `${where}: «${rest}» in «${text.trim()}»`),
    `${what}: text not from the catalogue`,
  ).to.deep.equal([]);
}

async function pseudoReady(): Promise<void> {
  if (getLocale() === PSEUDO) return;
  await new Promise<void>((resolve) => {
    const onStatus = (event: Event) => {
      const detail = (event as CustomEvent<{ status: string; readyLocale?: string }>).detail;
      if (detail.status === 'ready' && detail.readyLocale === PSEUDO) {
        window.removeEventListener('lit-localize-status', onStatus);
        resolve();
      }
    };
    window.addEventListener('lit-localize-status', onStatus);
  });
}

async function pseudoGuide(step: number, attributes = ''): Promise<InnovasjonGuide> {
  document.documentElement.lang = PSEUDO;
  const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()} votes-per-person="3"></innovasjon-guide>`);
  if (attributes) for (const name of attributes.split(' ')) guide.setAttribute(name, '');
  guide.step = step;
  await pseudoReady();
  await settled(guide);
  return guide;
}

/** The open menu item whose text is `name` in bokmål, accents and brackets aside. */
function menuItem(lapp: ReturnType<typeof harness>, name: string): HTMLElement {
  const item = lapp.items.find((each) => plain(each.textContent!).startsWith(name));
  if (!item) throw new Error(`no «${name}» in ${lapp.items.map((each) => plain(each.textContent!)).join(', ')}`);
  return item;
}

describe('the pseudo-locale: every visible string comes from the catalogue', function () {
  this.timeout(60_000); // every step, dialog and chunk of the guide, in a locale fetched for the test, on a busy 2-core machine

  beforeEach(() => {
    heard.length = 0;
    listener.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  afterEach(async () => {
    listener.disconnect();
    document.documentElement.lang = 'nb';
    if (getLocale() !== 'nb') await setLocale('nb');
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('the check itself finds bokmål text (a guide in bokmål fails it)', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    await settled(guide);
    const found = stringsIn(guide).filter(({ text }) => unmarked(text) !== null);
    expect(found.length).to.be.greaterThan(30);
    expect(found.some(({ where }) => where.endsWith('[aria-label]')), 'aria-label is read').to.be.true;
    expect(found.map(({ text }) => text.trim())).to.include('Hva er målet vårt?');
  });

  it('is a configured locale that the page’s lang picks, with Northern Sámi’s plural rules', async () => {
    const guide = await pseudoGuide(1);
    expect(getLocale()).to.equal(PSEUDO);
    expect(new Intl.PluralRules(PSEUDO).resolvedOptions().pluralCategories).to.include('two');
    // Numbers and dates: Sámi where the browser has the data (Firefox), else bokmål (Chromium), never en-US.
    const hasData = Intl.NumberFormat.supportedLocalesOf(PSEUDO).length > 0;
    expect(numberFormat().resolvedOptions().locale).to.equal(hasData ? PSEUDO.replace('-x-pseudo', '') : 'nb');
    expect(numberFormat().format(1200).replace(/\s/g, ' ')).to.equal('1 200');
    dates = [dateFormat().format(new Date(`${DATE}T12:00:00`))];
    expect(dates[0]).not.to.contain('Nov');
    expectAllFromCatalogue(guide, 'an empty step');
  });

  it('the guide: introduction, each step with notes (one, two and more), the summary sheet, and the presentation view', async () => {
    const guide = await pseudoGuide(0);
    guide.addNote('t1-mal', 'Ventetid', { author: 'Kari' });
    guide.addNote('t1-mal', 'Færre telefoner', { author: 'Ola', color: 'blue' });
    guide.addNote('t2-forsta', 'Ledermøtet');
    for (const text of ['Ventetid', 'Færre telefoner', 'Ledermøtet']) guide.addNote('t3-teste', text);
    guide.addAction({ what: 'Book møte', who: 'Kari', due: DATE, step: 1 });
    await settled(guide);
    dates = [dateFormat().format(new Date(`${DATE}T12:00:00`))];
    // The dual: two notes on step 1, in the navigation.
    expect(noteCount(2)).to.match(/²⟧$/);
    expect(noteCount(1)).not.to.contain('²');
    expect(noteCount(3)).not.to.contain('²');
    for (const step of [0, 1, 2, 3, 4, 5]) {
      guide.step = step;
      await settled(guide);
      expectAllFromCatalogue(guide, `step ${step}`, dates);
    }
    expect(plain(guideHarness(guide).nav.textContent!)).to.contain('2 lapper');
    guide.step = 1;
    await settled(guide);
    await click(guideHarness(guide).startPresentationButton);
    await waitUntil(() => guide.presentation, 'the presentation view opens');
    await settled(guide);
    expectAllFromCatalogue(guide, 'the presentation view', dates);
  });

  it('a note: its menu, editing, the move dialog, the vote limit, delete and the Undo offer', async () => {
    const guide = await pseudoGuide(1);
    guide.addNote('t1-mal', 'Ventetid', { author: 'Kari' });
    guide.addNote('t1-mal', 'Færre telefoner', { author: 'Ola' });
    await settled(guide);
    const lapp = harness(lappsIn(cardIn(guide, 't1-mal'))[0]);
    await lapp.openMenu();
    expectAllFromCatalogue(document.body, 'the note menu');
    await click(menuItem(lapp, 'Flytt'));
    await waitUntil(() => document.body && hasRendered(guide) && findDialog(guide), 'the move dialog opens', { timeout: 10_000 });
    expectAllFromCatalogue(guide, 'the move dialog');
    findDialog(guide)!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settled(guide);
    // Editing, with its hints and a counter.
    await click(addButtonOf(cardIn(guide, 't1-team')));
    await settled(guide);
    expectAllFromCatalogue(guide, 'a new note being written');
    // Votes up to the limit of three.
    for (const each of lappsIn(cardIn(guide, 't1-mal'))) await click(harness(each).voteButton!);
    await settled(guide);
    expectAllFromCatalogue(guide, 'votes');
    // Delete, then the Undo offer.
    const second = harness(lappsIn(cardIn(guide, 't1-mal'))[0]);
    await second.openMenu();
    await click(menuItem(second, 'Slett'));
    await settled(guide);
    await waitUntil(() => guideHarness(guide).toast, 'the Undo offer shows');
    expectAllFromCatalogue(guide, 'the Undo offer');
  });

  it('the follow-up form and list, the timer, import (the question and an error) and the export formats', async () => {
    const guide = await pseudoGuide(1);
    guide.addNote('t1-mal', 'Vårt arbeid');
    await settled(guide);
    dates = [dateFormat().format(new Date(`${DATE}T12:00:00`))];
    await click(deepFind(guide, 'button.add-button')!);
    await waitUntil(() => deepFind(guide, 'input[name=what]'), 'the follow-up form opens', { timeout: 10_000 });
    expectAllFromCatalogue(guide, 'the follow-up form');
    // Submitting it empty shows the form's error.
    (deepFind(guide, 'form') as HTMLFormElement).requestSubmit();
    await settled(guide);
    expectAllFromCatalogue(guide, 'the follow-up form with an error');
    guide.addAction({ what: 'Book møte', who: 'Kari', due: DATE, step: 1 });
    await settled(guide);
    expectAllFromCatalogue(guide, 'the follow-up list', dates);

    await click(guideHarness(guide).showTimerButton);
    const shownTimer = () => {
      const element = deepFind(guide, 'innovasjon-tidtaker') as InnovasjonTidtaker | null;
      return element && hasRendered(element) && tidtakerHarness(element).renders('select') ? tidtakerHarness(element) : null;
    };
    await waitUntil(shownTimer, 'the timer shows', { timeout: 10_000 });
    const timer = shownTimer()!;
    expectAllFromCatalogue(guide, 'the timer');
    await click(timer.toggle);
    await click(timer.toggle);
    await settled(guide);
    expectAllFromCatalogue(guide, 'the timer, paused');

    const json = await guide.exportAs('json');
    await chooseFile(guide, json);
    await waitUntil(() => guideHarness(guide).importDialog, 'the import question', { timeout: 10_000 });
    expectAllFromCatalogue(guide, 'the import question');
    guideHarness(guide).importCancelButton.click();
    await settled(guide);
    await chooseFile(guide, '{"format":"trello","cards":[]}', 'eksport.json');
    await waitUntil(() => guideHarness(guide).importError, 'the import error', { timeout: 10_000 });
    expectAllFromCatalogue(guide, 'the import error');

    for (const format of ['markdown', 'csv'] as const) {
      const lines = (await guide.exportAs(format)).replace(/^\uFEFF/, '').split('\n');
      // Data, not text: ISO dates and times as stored, and in CSV the card ids (`t1-mal`) and the colour codes
      // (`yellow`), which the CSV keeps as stored so a spreadsheet can sort and filter by them (its header says so).
      const data = /\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?|\bt\d-[a-z-]+\b|\b(yellow|pink|blue|green|orange)\b/g;
      const problems = lines.map((line) => unmarked(line.replace(data, ' '))).filter((rest) => rest !== null);
      expect(problems, `the ${format} export`).to.deep.equal([]);
    }
  });

  it('a led session: the facilitator’s panel, every phase, hidden writing and the timebox', async () => {
    const guide = await pseudoGuide(2);
    guide.addNote('t2-forsta', 'Ventetid', { author: 'Kari' });
    await click(guideHarness(guide).leadToggle!);
    await waitUntil(() => guideHarness(guide).phasePanel, 'the phase panel opens', { timeout: 10_000 });
    await settled(guide);
    expectAllFromCatalogue(guide, 'the phase panel');
    for (const [phase, hidden] of [['write', true], ['share', false], ['vote', false], ['agree', false]] as const) {
      guide.setPhase(phase, { hidden });
      if (phase === 'write') await cardIn(guide, 't2-forsta').startNote();
      if (phase === 'vote') guide.startTimer(90);
      await settled(guide);
      expectAllFromCatalogue(guide, `the ${phase} phase`);
    }
  });

  it('a participant in a session someone else leads, who may take the lead', async () => {
    await import('../../src/features/live.js'); // a session led elsewhere comes from a live room, whose chunk carries these strings
    const guide = await pseudoGuide(2);
    guide.addNote('t2-forsta', 'Ventetid');
    const led = new LedElsewhere({ step: 2, phase: 'write', notesWhileVoting: false, hidden: true, timer: null });
    (guide as unknown as { guide: { guide: PageGuide } }).guide.guide.useSession(led);
    // The session's controls are a chunk, fetched once a session has a phase.
    await waitUntil(() => guideHarness(guide).follow, 'the session’s controls arrive', { timeout: 10_000 });
    await settled(guide);
    expectAllFromCatalogue(guide, 'following the facilitator');
    await click(guideHarness(guide).followToggle);
    await settled(guide);
    expectAllFromCatalogue(guide, 'going alone');
    led.change({ step: 3, phase: 'vote', notesWhileVoting: false, hidden: false, timer: { startedAt: Date.now(), duration: 120_000, endsPhase: false } });
    await click(guideHarness(guide).followToggle);
    await settled(guide);
    expectAllFromCatalogue(guide, 'following to a timed vote');
  });

  it('the room bar and its menu, with the removal question (a room whose server does not answer)', async () => {
    document.documentElement.lang = PSEUDO;
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()} collab-url="ws://127.0.0.1:9" step="1"></innovasjon-guide>`);
    await pseudoReady();
    const ui = guideHarness(guide);
    await waitUntil(() => ui.roomBar && ui.roomStatus?.room, 'the room bar shows', { timeout: 20_000 });
    await settled(guide);
    expectAllFromCatalogue(guide, 'the room bar');
    await ui.openRoomMenu();
    await settled(guide);
    expectAllFromCatalogue(guide, 'the room bar’s menu');
    await click(ui.removeDeviceButton!);
    await waitUntil(() => ui.confirmRemoveButton, 'the removal question');
    expectAllFromCatalogue(guide, 'the removal question in the menu');
  });

  it('the stand-alone step, the timer run out, a note too long, a full storage and notes whose card is gone', async () => {
    document.documentElement.lang = PSEUDO;
    const trinn = await fixture<InnovasjonTrinn>(html`<innovasjon-trinn no-storage number="3" votes-per-person="1"></innovasjon-trinn>`);
    await pseudoReady();
    await settled(trinn);
    expectAllFromCatalogue(trinn, 'innovasjon-trinn');

    const clock = new ManualClock();
    const timer = await fixture<InnovasjonTidtaker>(html`<innovasjon-tidtaker .clock=${clock} minutes="1"></innovasjon-tidtaker>`);
    tidtakerHarness(timer).toggle.click();
    await timer.updateComplete;
    clock.advance(61_000);
    await waitUntil(() => tidtakerHarness(timer).message, 'time is up');
    expectAllFromCatalogue(timer, 'the timer run out');

    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      const guide = await pseudoGuide(1);
      guide.addNote('t1-mal', 'Ventetid');
      await waitUntil(() => guideHarness(guide).message, 'the storage message shows', { timeout: 5000 });
      await settled(guide);
      expectAllFromCatalogue(guide, 'storage full');
      // A note near and over the length limit.
      const card = cardIn(guide, 't1-mal');
      await card.startNote();
      await waitUntil(() => deepFind(card, 'textarea'), 'the new note opens');
      const area = deepFind(card, 'textarea') as HTMLTextAreaElement;
      for (const length of [1900, 2100]) {
        area.value = 'x'.repeat(length);
        area.dispatchEvent(new Event('input'));
        await settled(guide);
        expect(deepFind(card, length > 2000 ? '#too-long' : '.counter'), `the note's ${length > 2000 ? 'error' : 'counter'}`).to.exist;
        expectAllFromCatalogue(guide, `a note of ${length} characters`, ['x'.repeat(length)]);
      }
    } finally {
      Storage.prototype.setItem = original;
    }

    // Own content without step 1's second card: its note has no place.
    const guide = await pseudoGuide(1);
    guide.addNote('t1-forankring', 'Ledermøtet');
    const steps = guide.content.steps.map((step) => (step.number === 1 ? { ...step, cards: step.cards.filter((card) => card.id !== 't1-forankring') } : step));
    guide.content = { ...guide.content, steps } as never;
    await settled(guide);
    await waitUntil(() => guideHarness(guide).unplacedCard, 'the unplaced notes show');
    await settled(guide);
    expectAllFromCatalogue(guide, 'notes without a place');
  });

  it('the live room’s status element in each state, with people present, the offer and the removal question', async () => {
    await import('../../src/features/live.js');
    document.documentElement.lang = PSEUDO; // the element follows the page's language, as the guide does
    const room = new FakeRoom({ state: { status: 'connecting' } });
    const element = await fixture<InnovasjonRomStatus>(html`<innovasjon-rom-status .room=${room.asRoom}></innovasjon-rom-status>`);
    const status = romStatusHarness(element);
    await waitUntil(() => status.renderedText.includes('⟦'), 'the room status speaks the pseudo-locale', { timeout: 10_000 });
    const states = [
      { status: 'connecting' },
      { status: 'connected' },
      { status: 'offline' },
      { status: 'unauthorized', reason: 'token-expired' },
      { status: 'refused', reason: 'room-deleted' },
    ] as const;
    for (const state of states) {
      room.set({ state });
      await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expectAllFromCatalogue(element, state.status);
    }
    // The server's own reason code (a technical token, shown in brackets so it can be reported) is not text.
    room.set({ state: { status: 'refused', reason: 'too-large' } });
    await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expectAllFromCatalogue(element, 'refused', ['too-large']);
    for (const people of [1, 2, 3]) {
      room.set({
        state: { status: 'connected' },
        readOnly: true,
        presence: [
          { id: 'kari', name: 'Kari', step: 1, self: true },
          { id: 'ola', name: 'Ola', step: 2, self: false },
          { id: 'x', name: '', step: 1, self: false },
        ].slice(0, people),
        localOffer: { notes: people, actions: 0 },
      });
      await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expectAllFromCatalogue(element, `${people} present`);
      if (people === 2) expect(status.peopleList.getAttribute('aria-label')).to.match(/²⟧$/, 'two people: the dual');
    }
    status.removeButton!.click();
    await waitUntil(() => status.cancelRemoveButton, 'the removal question');
    expectAllFromCatalogue(element, 'the removal question');
  });
});

/** A session led by someone else, as a room's session document gives it to a participant (open mode: anyone may take the lead). */
class LedElsewhere implements SessionKeeper {
  readonly canLead = false;
  readonly mayTakeLead = true;
  readonly #listeners = new Set<() => void>();
  constructor(public state: SessionState) {}
  set(): void {
    throw new SessionRoleError();
  }
  takeLead(): void {}
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

/** The first match for `selector` in `root`'s composed tree. */
const deepFind = (root: Element, selector: string): Element | null => deepQuery(selector, root);

const findDialog = (guide: InnovasjonGuide) => deepFind(guide, 'dialog[open]') as HTMLDialogElement | null;

/** Gives the toolbar's file input a file, as the browser's file picker would. */
async function chooseFile(guide: InnovasjonGuide, text: string, name = 'eksport.json') {
  const input = guideHarness(guide).importFileInput;
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
