// The bench page's entry: both implementations side by side in one page,
// and `window.bench`, which the runner (bench/run.mjs) drives over CDP.
import { turguide } from '../../src/index.js';
import { baseline, COLOR_NAMES } from './baseline.js';
import {
  afterNextFrame,
  type BenchImplementation,
  type BenchNote,
  type KeystrokeRecorder,
  longTasksSince,
  makeNotes,
  STEP_CARDS,
  stopwatch,
} from './common.js';
import { library, storage } from './library.js';

const implementations: Record<string, BenchImplementation> = { library, baseline };
const pick = (name: string) => {
  const implementation = implementations[name];
  if (!implementation) throw new Error(`no implementation ${name}`);
  return implementation;
};

/** Note sets by name, kept alive for the whole run so the heap scenario does not count them. */
const noteSets = new Map<string, BenchNote[]>();
let recorder: KeystrokeRecorder | null = null;
let typingStart = 0;
const added: Record<string, string[]> = { library: [], baseline: [] };

// ---- the information check: what a person gets, read the same way on both sides ----

const COLOUR_WORDS = Object.values(COLOR_NAMES);
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'image']);
/** Roles of controls other than buttons: a closed note should have none. */
const CONTROL_ROLES = new Set(['checkbox', 'combobox', 'link', 'listbox', 'menu', 'menuitem', 'radio', 'searchbox', 'slider', 'spinbutton', 'switch', 'tab', 'textbox']);
/** Elements whose content a person does not get as text. */
const SKIP = new Set(['style', 'script', 'template', 'textarea']);

/** An element's role: its `role` attribute, or the implicit role of the few elements that matter here. */
function roleOf(element: Element): string {
  const role = element.getAttribute('role');
  if (role) return role.trim().split(/\s+/)[0];
  switch (element.localName) {
    case 'button':
    case 'summary':
      return 'button';
    case 'input': {
      const type = (element as HTMLInputElement).type;
      if (BUTTON_INPUTS.has(type)) return 'button';
      return type === 'hidden' ? '' : type === 'checkbox' || type === 'radio' ? type : 'textbox';
    }
    case 'select':
      return 'combobox';
    case 'textarea':
      return 'textbox';
    case 'a':
      return element.hasAttribute('href') ? 'link' : '';
    default:
      return /^h[1-6]$/.test(element.localName) ? 'heading' : '';
  }
}

interface Tree {
  /** Text nodes and `aria-label`s in tree order (what is shown, read out, or printed). */
  parts: string[];
  buttons: { element: Element; inNote: boolean }[];
  controls: Element[];
  fields: (HTMLTextAreaElement | HTMLInputElement)[];
  headings: Element[];
  notes: Map<string, Element>;
}

/**
 * Reads a subtree through shadow roots: text, accessible names given by
 * `aria-label`, buttons and other controls by role, text fields, headings,
 * and the notes (elements whose `data-id` is one of `noteIds`). Left out:
 * `hidden` and `aria-hidden="true"` subtrees, styles, scripts. CSS is not
 * consulted, so visually hidden and print-only text count as shown.
 */
function readTree(root: Element, noteIds: ReadonlySet<string>): Tree {
  const tree: Tree = { parts: [], buttons: [], controls: [], fields: [], headings: [], notes: new Map() };
  const visit = (node: Node, inNote: boolean) => {
    if (node.nodeType === Node.TEXT_NODE) {
      tree.parts.push((node as Text).data);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as HTMLElement;
    if (element.hidden || element.getAttribute('aria-hidden') === 'true') return;
    const label = element.getAttribute('aria-label');
    if (label) tree.parts.push(` ${label} `);
    const id = element.dataset?.id;
    if (id && noteIds.has(id) && !tree.notes.has(id)) {
      tree.notes.set(id, element);
      inNote = true;
    }
    const role = roleOf(element);
    if (role === 'button') tree.buttons.push({ element, inNote });
    else if (role === 'heading') tree.headings.push(element);
    else if (CONTROL_ROLES.has(role)) tree.controls.push(element);
    if (element.localName === 'textarea' || (element.localName === 'input' && role === 'textbox')) {
      tree.fields.push(element as HTMLTextAreaElement | HTMLInputElement);
    }
    if (SKIP.has(element.localName)) return;
    tree.parts.push(' ');
    if (element.shadowRoot) for (const child of element.shadowRoot.childNodes) visit(child, inNote);
    for (const child of element.childNodes) visit(child, inNote);
    tree.parts.push(' ');
  };
  visit(root, false);
  return tree;
}

const textOf = (tree: Tree) => normalize(tree.parts.join(''));
const levelOf = (heading: Element) => Number(heading.getAttribute('aria-level') ?? heading.localName.slice(1));
const nameOf = (element: Element) => element.getAttribute('aria-label') ?? textOf(readTree(element, new Set()));
const words = (content: string, list: readonly string[]) =>
  list.filter((word) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(content));
const voteCounts = (content: string) => [...new Set([...content.matchAll(/(\d+)\s*stemmer?(?!\p{L})/gu)].map((match) => match[1]))];
const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

/** The parent element, or the shadow root's host at the top of a shadow tree. */
const up = (element: Element): Element | null =>
  element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;

interface InformationOptions {
  set: string;
  step: number;
  editing?: string;
  voting: boolean;
}

function stepNotes({ set, step }: InformationOptions) {
  const cards = STEP_CARDS[step];
  return noteSets.get(set)!.filter((note) => cards.includes(note.cardId));
}

function noteLine(note: BenchNote, editing: boolean, read: { text: boolean | string; author: boolean; colours: string[]; votes: string[]; buttons: number; controls: number }) {
  const author = note.author ? `author "${note.author}" ${read.author ? 'shown' : 'missing'}` : 'anonymous';
  const head = `note ${note.id}${editing ? ' (editing)' : ''}: `;
  if (editing) return `${head}${read.text}; ${author}; colour names ${list(read.colours)}`;
  return (
    `${head}text ${read.text ? 'shown' : 'missing'}; ${author}; colour names ${list(read.colours)}; ` +
    `vote counts ${list(read.votes)}; buttons ${read.buttons}; other controls ${read.controls}`
  );
}

/**
 * What a person gets from the step on the page, one line per fact: the step's
 * heading and intro; per card its heading, explanation, prompts, notes in order
 * and add button; per note its text, author, colour name, vote count and the
 * number of buttons and other controls (or, while editing, what its text field holds).
 */
function readInformation(host: Element, options: InformationOptions): string[] {
  const notes = stepNotes(options);
  const ids = new Set(noteSets.get(options.set)!.map((note) => note.id));
  const tree = readTree(host, ids);
  const content = textOf(tree);
  const step = turguide.steps[options.step - 1];
  const lines: string[] = [];
  const title = tree.headings.find((heading) => nameOf(heading).includes(step.title()));
  lines.push(`step: heading ${title ? `level ${levelOf(title)} "${nameOf(title)}"` : 'missing'}; intro ${content.includes(normalize(step.intro())) ? 'shown' : 'missing'}`);
  for (const card of step.cards) {
    const question = normalize(card.question());
    const heading = tree.headings.find((each) => nameOf(each) === question);
    if (!heading) {
      lines.push(`card ${card.id}: heading missing`);
      continue;
    }
    let section: Element | null = heading;
    while (section && section.localName !== 'section') section = up(section);
    const inside = readTree(section ?? host, ids);
    const text = textOf(inside);
    const explanation = card.explanation ? `explanation ${text.includes(normalize(card.explanation())) ? 'shown' : 'missing'}` : 'no explanation';
    const prompts = card.prompts.filter((prompt) => text.includes(normalize(prompt()))).length;
    const adds = inside.buttons.filter((button) => !button.inNote && /legg til lapp/i.test(nameOf(button.element))).length;
    lines.push(
      `card ${card.id}: heading level ${levelOf(heading)} "${question}"; ${explanation}; prompts ${prompts} of ${card.prompts.length} shown; ` +
        `notes ${list([...inside.notes.keys()])}; add buttons ${adds}`,
    );
  }
  lines.push(`notes shown: ${tree.notes.size}`);
  for (const note of notes) {
    const element = tree.notes.get(note.id);
    if (!element) {
      lines.push(`note ${note.id}: missing`);
      continue;
    }
    const inside = readTree(element, ids);
    const text = textOf(inside);
    const editing = note.id === options.editing;
    const field = inside.fields.length === 1 && inside.fields[0].value === note.text ? 'text field holds its text' : `${inside.fields.length} text field(s)`;
    lines.push(
      noteLine(note, editing, {
        text: editing ? field : text.includes(normalize(note.text)),
        author: Boolean(note.author) && text.includes(note.author),
        colours: words(text, COLOUR_WORDS),
        votes: voteCounts(text),
        buttons: inside.buttons.length,
        controls: inside.controls.length,
      }),
    );
  }
  return lines;
}

/** The lines readInformation gives for a page that shows exactly the bench's design (the baseline must). */
function expectedInformation(options: InformationOptions): string[] {
  const step = turguide.steps[options.step - 1];
  const notes = stepNotes(options);
  const lines = [`step: heading level 2 "Trinn ${step.number}: ${normalize(step.title())}"; intro shown`];
  for (const card of step.cards) {
    const ids = notes.filter((note) => note.cardId === card.id).map((note) => note.id);
    lines.push(
      `card ${card.id}: heading level 3 "${normalize(card.question())}"; ${card.explanation ? 'explanation shown' : 'no explanation'}; ` +
        `prompts ${card.prompts.length} of ${card.prompts.length} shown; notes ${list(ids)}; add buttons 1`,
    );
  }
  lines.push(`notes shown: ${notes.length}`);
  for (const note of notes) {
    const editing = note.id === options.editing;
    lines.push(
      noteLine(note, editing, {
        text: editing ? 'text field holds its text' : true,
        author: true,
        colours: [COLOR_NAMES[note.color]],
        votes: note.votes.length || options.voting ? [String(note.votes.length)] : [],
        buttons: options.voting ? 2 : 1,
        controls: 0,
      }),
    );
  }
  return lines;
}

const bench = {
  /** Makes (once) and keeps a named set of notes. */
  notes(name: string, count: number, steps: number[], seed = 1): number {
    if (!noteSets.has(name)) {
      const sets = steps.map((step, index) => makeNotes(count, STEP_CARDS[step], seed + index));
      noteSets.set(name, sets.flat());
    }
    return noteSets.get(name)!.length;
  },
  noteIds: (name: string) => noteSets.get(name)!.map((note) => note.id),

  mount: (name: string, set: string, step: number, label = 'untimed', votesPerPerson = 0) =>
    pick(name).mount(noteSets.get(set)!, step, label, votesPerPerson),
  unmount(name: string) {
    pick(name).unmount();
    added[name] = [];
  },
  /** Waits for the frame after whatever was just done, so the next sample starts quiet. */
  frame: () => afterNextFrame(),

  async addNote(name: string, cardId: string, text: string, label = 'untimed') {
    const [ms, id] = await pick(name).addNote(cardId, text, label);
    added[name].push(id);
    return ms;
  },
  async removeAdded(name: string) {
    for (const id of added[name].splice(0)) await pick(name).removeNote(id);
  },
  setStep: (name: string, step: number, label = 'untimed') => pick(name).setStep(step, label),
  /** Forgets the marks of timed samples (the runner has read them from the trace). */
  clearMarks: () => performance.clearMarks(),

  /** Opens a note's text field, continues its text with `prefix` (untimed) and starts recording keystrokes. */
  async startTyping(name: string, noteId: string, prefix = '') {
    const implementation = pick(name);
    recorder = await implementation.startTyping(noteId);
    if (prefix) await implementation.fill(implementation.typedText() + prefix);
    await afterNextFrame();
    typingStart = performance.now();
  },
  keystroke: () => recorder!.next(),
  /** Starts (again) the window in which long tasks count, e.g. after the runner started a trace. */
  markTyping() {
    typingStart = performance.now();
  },
  /** Long tasks since startTyping or markTyping. */
  longTasks: () => longTasksSince(typingStart),
  async stopTyping(name: string) {
    const longTasks = longTasksSince(typingStart);
    const text = pick(name).typedText();
    recorder?.stop();
    recorder = null;
    await pick(name).stopTyping();
    return { text, longTasks };
  },

  /**
   * The information check: what a person gets from `name` with the notes of
   * `set` (on steps 1 and 2) on step 1, while editing its second note, after
   * switching to step 2, and on step 1 with voting on; each beside what the
   * bench's design shows (the baseline must match it exactly).
   */
  async information(name: string, set: string) {
    const implementation = pick(name);
    const notes = noteSets.get(set)!;
    const edited = notes[1].id;
    const states: Record<string, { read: string[]; expected: string[] }> = {};
    const read = (state: string, options: InformationOptions) => {
      const host = implementation.host();
      states[state] = { read: host ? readInformation(host, options) : ['nothing on the page'], expected: expectedInformation(options) };
    };
    await implementation.mount(notes, 1, 'untimed');
    read('step 1', { set, step: 1, voting: false });
    (await implementation.startTyping(edited)).stop();
    read('editing a note', { set, step: 1, editing: edited, voting: false });
    await implementation.stopTyping();
    await implementation.setStep(2, 'untimed');
    read('after switching to step 2', { set, step: 2, voting: false });
    await implementation.mount(notes, 1, 'untimed', 3);
    read('step 1 with voting on (votes-per-person="3")', { set, step: 1, voting: true });
    this.unmount(name);
    return states;
  },

  // Scenario 5: the LocalStorageAdapter with a document of `count` notes, against the raw
  // JSON + localStorage work it cannot avoid.
  storage: {
    document: null as unknown,
    prepare(set: string) {
      this.document = storage.document(noteSets.get(set)!);
      localStorage.clear();
      const adapter = storage.adapter('bench-storage');
      adapter.save(this.document as never);
      return localStorage.getItem('bench-storage')!.length;
    },
    save(kind: 'library' | 'raw', label = 'untimed'): number {
      const document = this.document;
      const adapter = storage.adapter('bench-storage');
      const stop = stopwatch(label);
      if (kind === 'library') adapter.save(document as never);
      else localStorage.setItem('bench-storage', JSON.stringify(document));
      return stop();
    },
    load(kind: 'library' | 'raw', label = 'untimed'): number {
      const adapter = storage.adapter('bench-storage');
      const stop = stopwatch(label);
      const loaded = kind === 'library' ? adapter.load() : JSON.parse(localStorage.getItem('bench-storage')!);
      const ms = stop();
      if (!loaded || (loaded as { notes: unknown[] }).notes.length !== (this.document as { notes: unknown[] }).notes.length) {
        throw new Error('the document did not load whole');
      }
      return ms;
    },
    clear() {
      this.document = null;
      localStorage.clear();
    },
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.documentElement.dataset.ready = 'true';
