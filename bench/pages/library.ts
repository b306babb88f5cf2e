// The library side of the bench page: the real elements from src/, bundled
// with Lit's production build, behind the same interface as the baseline.
// Instrumentation lives here only: LitElement's prototype is patched to
// count `update` calls and to know which elements are connected.
import { LitElement } from 'lit';
import '../../src/index.js';
import { LocalStorageAdapter, validateDocument } from '../../src/index.js';
import {
  forceLayout,
  KeystrokeRecorder,
  stopwatch,
  type BenchImplementation,
  type BenchNote,
  toDocument,
  type UpdateLog,
} from './common.js';

type GuideElement = HTMLElement & {
  noStorage: boolean;
  step: number;
  data: unknown;
  addNote(cardId: string, text: string): { id: string };
  removeNote(id: string): unknown;
  updateComplete: Promise<boolean>;
};
type Lapp = LitElement & { edit(): Promise<void> };

// ---- instrumentation -------------------------------------------------------

const live = new Set<LitElement>();
let updateCounts: Record<string, number> = {};
let updatedOther = false;
let watched: Element | null = null;

const proto = LitElement.prototype as unknown as {
  update(changed: unknown): void;
  connectedCallback(): void;
  disconnectedCallback(): void;
};
const { update, connectedCallback, disconnectedCallback } = proto;
proto.update = function (this: LitElement, changed: unknown) {
  const tag = this.localName;
  updateCounts[tag] = (updateCounts[tag] ?? 0) + 1;
  if (watched && this !== watched) updatedOther = true;
  update.call(this, changed);
};
proto.connectedCallback = function (this: LitElement) {
  live.add(this);
  connectedCallback.call(this);
};
proto.disconnectedCallback = function (this: LitElement) {
  live.delete(this);
  disconnectedCallback.call(this);
};

/** The update log since the last call. */
function takeUpdates(): UpdateLog {
  const result = { counts: updateCounts, onlyTarget: !updatedOther };
  updateCounts = {};
  updatedOther = false;
  return result;
}

/**
 * Awaits `updateComplete` of every element in the tree until none has an
 * update pending, so elements created by a parent's render are awaited too.
 */
async function settle(): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const pending: Promise<unknown>[] = [];
    for (const element of live) if (element.isUpdatePending) pending.push(element.updateComplete);
    if (!pending.length) return;
    await Promise.all(pending);
  }
  throw new Error('the element tree did not settle');
}

/** Every element in a tree, through shadow roots. */
function* deep(root: ParentNode): Generator<Element> {
  for (const child of root.querySelectorAll('*')) {
    yield child;
    if (child.shadowRoot) yield* deep(child.shadowRoot);
  }
}

// ---- the implementation ----------------------------------------------------

const container = document.getElementById('library')!;
let guide: GuideElement | null = null;
let editing: Lapp | null = null;

export const library: BenchImplementation = {
  name: 'library',

  async mount(notes: readonly BenchNote[], step: number, label: string, votesPerPerson = 0) {
    this.unmount();
    const element = document.createElement('innovasjon-guide') as GuideElement;
    element.noStorage = true;
    element.step = step;
    if (votesPerPerson) element.setAttribute('votes-per-person', String(votesPerPerson));
    element.data = toDocument(notes); // validated here, outside the timing: see bench/README.md
    guide = element;
    const stop = stopwatch(label);
    container.append(element);
    await settle();
    forceLayout(element);
    return stop();
  },

  unmount() {
    editing = null;
    watched = null;
    guide?.remove();
    guide = null;
    container.replaceChildren();
  },

  async addNote(cardId: string, text: string, label: string) {
    const stop = stopwatch(label);
    const note = guide!.addNote(cardId, text);
    await settle();
    forceLayout(guide!);
    return [stop(), note.id];
  },

  async removeNote(id: string) {
    guide!.removeNote(id);
    await settle();
    forceLayout(guide!);
  },

  async setStep(step: number, label: string) {
    const stop = stopwatch(label);
    guide!.step = step;
    await settle();
    forceLayout(guide!);
    return stop();
  },

  async startTyping(noteId: string) {
    const lapp = [...deep(guide!.shadowRoot!)].find(
      (element) => element.localName === 'refleksjon-lapp' && (element as HTMLElement).dataset.id === noteId,
    ) as Lapp | undefined;
    if (!lapp) throw new Error(`library: no note ${noteId} on the page`);
    await lapp.edit();
    await settle();
    const field = lapp.shadowRoot!.querySelector('textarea');
    if (!field) throw new Error('library: the note did not open its text field');
    field.focus();
    editing = lapp;
    watched = lapp;
    takeUpdates();
    return new KeystrokeRecorder(takeUpdates);
  },

  typedText() {
    return editing?.shadowRoot?.querySelector('textarea')?.value ?? '';
  },

  async fill(text: string) {
    const field = editing?.shadowRoot?.querySelector('textarea');
    if (!field) throw new Error('library: no open text field');
    field.value = text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    await settle();
  },

  async stopTyping() {
    watched = null;
    const lapp = editing;
    editing = null;
    if (!lapp) return;
    // Escape: the note closes its field without saving, as for a person.
    const field = lapp.shadowRoot?.querySelector('textarea');
    field?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    await settle();
    if (lapp.hasAttribute('editing')) {
      (lapp as unknown as { editing: boolean }).editing = false;
      await settle();
    }
  },

  host: () => guide,
};

// ---- scenario 5: the localStorage adapter ---------------------------------

export const storage = {
  /** A validated (current-version) document of `notes`, as the store would hold it. */
  document: (notes: readonly BenchNote[]) => validateDocument(toDocument(notes)),
  adapter: (key: string) => new LocalStorageAdapter(key),
};

export { settle, takeUpdates };
