// The bench page's entry: both implementations side by side in one page,
// and `window.bench`, which the runner (bench/run.mjs) drives over CDP.
import { baseline } from './baseline.js';
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

/** The composed tree of an element, normalised: elements, sorted attributes, text; no comments or blank text. */
function serialize(root: Element): string {
  const lines: string[] = [];
  const walk = (node: Node, depth: number) => {
    let text = '';
    const flush = () => {
      const clean = text.replace(/\s+/g, ' ').trim();
      if (clean) lines.push(`${'  '.repeat(depth)}"${clean}"`);
      text = '';
    };
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += (child as Text).data;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        flush();
        describe(child as Element, depth);
      }
    }
    flush();
  };
  const describe = (element: Element, depth: number) => {
    const name = element.localName.replace(/^base-/, '');
    const attributes = [...element.attributes]
      .map((attribute) => `${attribute.name}="${attribute.value}"`)
      .sort()
      .join(' ');
    lines.push(`${'  '.repeat(depth)}<${name}${attributes ? ` ${attributes}` : ''}>`);
    if (element.shadowRoot) {
      const sheets = element.shadowRoot.adoptedStyleSheets.length;
      lines.push(`${'  '.repeat(depth + 1)}#shadow-root${element.shadowRoot.delegatesFocus ? ' delegatesFocus' : ''} sheets=${sheets}`);
      walk(element.shadowRoot, depth + 2);
    }
    walk(element, depth + 1);
  };
  describe(root, 0);
  return lines.join('\n');
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

  mount: (name: string, set: string, step: number, label = 'untimed') => pick(name).mount(noteSets.get(set)!, step, label),
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

  markup: (name: string) => {
    const host = pick(name).host();
    return host ? serialize(host) : '';
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
