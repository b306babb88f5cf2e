// The baseline: the simplest hand-written page a competent developer would
// write to show what the library shows for a step, with none of its design:
// plain DOM (no shadow roots, no framework), a small style sheet of its own,
// per card a <section> with its heading, explanation, prompts, a list of notes
// and an add button; per note its text, author, colour (a class, and the name
// for screen readers and print), vote count when it has votes or voting is on, a vote button
// when voting is on, and ONE button (the note's menu). bench/README.md says
// why: the yardstick is the information a person gets, not our markup.
//
// It does the work by hand as a plain page would: createElement and
// textContent, built off-document and inserted once, one set of delegated
// listeners; not heroically (no virtualisation, no content-visibility, no
// recycling). It does only what the bench's scenarios need (render, add,
// edit a note's text, switch step); the runner's information check compares
// what it shows with what the library shows.
import { LIMITS, turguide } from '../../src/index.js';
import { type BenchImplementation, type BenchNote, forceLayout, KeystrokeRecorder, stopwatch } from './common.js';

// ---- content, read once ----

interface Card {
  id: string;
  question: string;
  explanation: string;
  prompts: string[];
}
interface Step {
  number: number;
  title: string;
  intro: string;
  cards: Card[];
}
const steps: Step[] = turguide.steps.map((step) => ({
  number: step.number,
  title: step.title(),
  intro: step.intro(),
  cards: step.cards.map((card) => ({
    id: card.id,
    question: card.question(),
    explanation: card.explanation?.() ?? '',
    prompts: card.prompts.map((prompt) => prompt()),
  })),
}));
export const COLOR_NAMES: Record<BenchNote['color'], string> = {
  yellow: 'gul',
  pink: 'rosa',
  blue: 'blå',
  green: 'grønn',
  orange: 'oransje',
};
const excerpt = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const votesText = (count: number) => `${count} ${count === 1 ? 'stemme' : 'stemmer'}`;

// ---- its own style sheet: notes that look like notes ----

const style = document.createElement('style');
style.textContent = `
#baseline .bl-step { max-width: 72rem; }
#baseline .bl-step h2 { margin: 0 0 0.5rem; font-size: 1.5rem; }
#baseline .bl-intro { margin: 0 0 1.5rem; }
#baseline .bl-cards { display: grid; gap: 1.5rem; }
#baseline .bl-card { display: flex; flex-direction: column; gap: 0.75rem; padding: 1rem; border: 1px solid #c8c8c8; border-radius: 8px; }
#baseline .bl-card h3 { margin: 0; font-size: 1.15rem; }
#baseline .bl-card p, #baseline .bl-card ul { margin: 0; }
#baseline .bl-notes { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75rem; }
#baseline .bl-notes:empty { display: none; }
#baseline .bl-note { display: flex; flex-direction: column; gap: 0.4rem; min-height: 6rem; padding: 0.75rem; background: #fff1a8; color: #1d1d1b; border: 1px solid rgb(0 0 0 / 0.2); border-radius: 4px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.18); }
#baseline .bl-note.pink { background: #ffd7e4; }
#baseline .bl-note.blue { background: #d4e8ff; }
#baseline .bl-note.green { background: #d6f2cf; }
#baseline .bl-note.orange { background: #ffdcb5; }
#baseline .bl-text { flex: 1; white-space: pre-wrap; overflow-wrap: anywhere; cursor: text; }
#baseline .bl-meta, #baseline .bl-votes, #baseline .bl-hint { font-size: 0.85em; }
#baseline .bl-note button { align-self: flex-end; min-height: 1.75rem; }
#baseline .bl-note textarea { box-sizing: border-box; width: 100%; min-height: 5rem; }
#baseline .bl-add { align-self: flex-start; }
#baseline .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
document.head.append(style);

// ---- building the page ----

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

interface NoteView {
  note: BenchNote;
  item: HTMLLIElement;
}

const container = document.getElementById('baseline')!;
let article: HTMLElement | null = null;
let notesByCard = new Map<string, BenchNote[]>();
const views = new Map<string, NoteView>();
const lists = new Map<string, HTMLUListElement>();
let voting = false;
let editing: { view: NoteView; field: HTMLTextAreaElement; counter: HTMLElement | null } | null = null;
let nextId = 0;

/** The closed note's contents: text, author, colour name, votes, (vote button,) menu button. */
function fillNote(view: NoteView) {
  const { note, item } = view;
  const meta = element('p', 'bl-meta', note.author);
  meta.append(element('span', 'visually-hidden', ` ${COLOR_NAMES[note.color]}`));
  item.replaceChildren(element('p', 'bl-text', note.text), meta);
  if (note.votes.length || voting) {
    // While voting is on the count shows even at 0 (issue 16: «its vote count when it has votes or voting is on»).
    const votes = element('p', 'bl-votes', votesText(note.votes.length));
    if (voting) {
      const vote = element('button', 'bl-vote', 'Stem');
      vote.type = 'button';
      vote.setAttribute('aria-pressed', 'false');
      votes.append(' ', vote);
    }
    item.append(votes);
  }
  const menu = element('button', 'bl-menu', '⋯');
  menu.type = 'button';
  menu.setAttribute('aria-haspopup', 'menu');
  menu.setAttribute('aria-label', `Valg for lapp: ${excerpt(note.text)}`);
  item.append(menu);
}

function createNote(note: BenchNote): HTMLLIElement {
  const item = element('li', `bl-note ${note.color}`);
  item.dataset.id = note.id;
  const view = { note, item };
  fillNote(view);
  views.set(note.id, view);
  return item;
}

function createCard(card: Card): HTMLElement {
  const section = element('section', 'bl-card');
  const heading = element('h3', '', card.question);
  heading.id = `bl-${card.id}`;
  section.setAttribute('aria-labelledby', heading.id);
  section.append(heading);
  if (card.explanation) section.append(element('p', 'bl-explanation', card.explanation));
  if (card.prompts.length) {
    const prompts = element('ul', 'bl-prompts');
    for (const prompt of card.prompts) prompts.append(element('li', '', prompt));
    section.append(prompts);
  }
  const list = element('ul', 'bl-notes');
  list.setAttribute('aria-label', `Lapper: ${card.question}`);
  for (const note of notesByCard.get(card.id) ?? []) list.append(createNote(note));
  lists.set(card.id, list);
  const add = element('button', 'bl-add', '+ Legg til lapp');
  add.type = 'button';
  section.append(list, add);
  return section;
}

function createStep(step: Step): HTMLElement {
  const root = element('article', 'bl-step');
  const heading = element('h2', '', `Trinn ${step.number}: ${step.title}`);
  heading.id = 'bl-step-title';
  root.setAttribute('aria-labelledby', heading.id);
  const cards = element('div', 'bl-cards');
  for (const card of step.cards) cards.append(createCard(card));
  root.append(heading, element('p', 'bl-intro', step.intro), cards);
  return root;
}

/** The step's content, built off-document; the caller puts it in the page. */
function buildStep(number: number): HTMLElement {
  editing = null;
  views.clear();
  lists.clear();
  return createStep(steps[number - 1]);
}

// ---- editing a note's text (a click on the text; Enter saves, Escape cancels) ----

function openEditor(view: NoteView) {
  if (editing) closeEditor(false);
  const field = element('textarea');
  field.id = 'bl-edit';
  field.value = view.note.text;
  field.setAttribute('aria-describedby', 'bl-edit-hint');
  const label = element('label', 'visually-hidden', 'Tekst på lappen');
  label.htmlFor = field.id;
  const hint = element('p', 'bl-hint', 'Enter lagrer, Shift+Enter gir ny linje, Escape avbryter.');
  hint.id = 'bl-edit-hint';
  const meta = view.item.querySelector('.bl-meta')!;
  const save = element('button', 'bl-save', 'Lagre');
  save.type = 'button';
  const cancel = element('button', 'bl-cancel', 'Avbryt');
  cancel.type = 'button';
  view.item.replaceChildren(label, field, hint, meta, save, cancel);
  editing = { view, field, counter: null };
  field.focus();
  field.setSelectionRange(field.value.length, field.value.length);
}

function closeEditor(keep: boolean) {
  if (!editing) return;
  const { view, field } = editing;
  editing = null;
  const text = field.value.trim();
  if (keep && text && text.length <= LIMITS.noteText) view.note = { ...view.note, text };
  fillNote(view);
}

/**
 * On each key: what the library shows visibly, no more. Near the limit (over
 * 90 %) it shows "N av 2 000 tegn", over it a message and aria-invalid; below
 * that (every keystroke the bench types) nothing on the page changes.
 */
function onInput() {
  if (!editing) return;
  const length = editing.field.value.length;
  const tooLong = length > LIMITS.noteText;
  const near = length > LIMITS.noteText * 0.9;
  if (near) {
    editing.counter ??= editing.field.insertAdjacentElement('afterend', element('p', 'bl-hint')) as HTMLElement;
    editing.counter.textContent = tooLong
      ? `Lappen kan ha høyst ${LIMITS.noteText} tegn, og har ${length}. Gjør teksten kortere for å lagre den.`
      : `${length} av ${LIMITS.noteText} tegn`;
  } else if (editing.counter) {
    editing.counter.remove();
    editing.counter = null;
  }
  if (tooLong !== (editing.field.getAttribute('aria-invalid') === 'true')) {
    editing.field.setAttribute('aria-invalid', String(tooLong));
  }
}

// One set of listeners for the whole page, delegated.
container.addEventListener('click', (event) => {
  const target = event.target as Element;
  const item = target.closest<HTMLElement>('.bl-note');
  const view = item && views.get(item.dataset.id!);
  if (!view) return;
  if (target.closest('.bl-text')) openEditor(view);
  else if (target.closest('.bl-save')) closeEditor(true);
  else if (target.closest('.bl-cancel')) closeEditor(false);
});
container.addEventListener('input', onInput);
container.addEventListener('keydown', (event) => {
  if (!editing || event.target !== editing.field || event.isComposing) return;
  if (event.key === 'Escape' || (event.key === 'Enter' && !event.shiftKey)) {
    event.preventDefault();
    closeEditor(event.key === 'Enter');
  }
});

// ---- the implementation ----

export const baseline: BenchImplementation = {
  name: 'baseline',

  async mount(notes: readonly BenchNote[], step: number, label: string, votesPerPerson = 0) {
    this.unmount();
    voting = votesPerPerson > 0;
    const stop = stopwatch(label);
    notesByCard = new Map();
    for (const note of notes) {
      const list = notesByCard.get(note.cardId);
      if (list) list.push(note);
      else notesByCard.set(note.cardId, [note]);
    }
    article = buildStep(step);
    container.append(article);
    forceLayout(article);
    return stop();
  },

  unmount() {
    article = null;
    editing = null;
    views.clear();
    lists.clear();
    notesByCard = new Map();
    container.replaceChildren();
  },

  async addNote(cardId: string, text: string, label: string) {
    const stop = stopwatch(label);
    const now = new Date().toISOString();
    const note: BenchNote = { id: `b${nextId++}`, cardId, text, color: 'yellow', author: '', votes: [], createdAt: now, updatedAt: now };
    const notes = notesByCard.get(cardId);
    if (notes) notes.push(note);
    else notesByCard.set(cardId, [note]);
    lists.get(cardId)?.append(createNote(note));
    forceLayout(article!);
    return [stop(), note.id];
  },

  async removeNote(id: string) {
    const view = views.get(id);
    if (!view) return;
    const notes = notesByCard.get(view.note.cardId)!;
    notes.splice(notes.indexOf(view.note), 1);
    view.item.remove();
    views.delete(id);
    forceLayout(article!);
  },

  async setStep(step: number, label: string) {
    const stop = stopwatch(label);
    const next = buildStep(step);
    article!.replaceWith(next);
    article = next;
    forceLayout(article);
    return stop();
  },

  async startTyping(noteId: string) {
    const view = views.get(noteId);
    if (!view) throw new Error(`baseline: no note ${noteId} on the page`);
    // As a person does: a click on the note's text.
    view.item.querySelector<HTMLElement>('.bl-text')!.click();
    if (!editing) throw new Error('baseline: the note did not open its text field');
    forceLayout(article!);
    return new KeystrokeRecorder(() => ({ counts: {}, onlyTarget: true }));
  },

  typedText: () => editing?.field.value ?? '',

  async fill(text: string) {
    if (!editing) throw new Error('baseline: no open text field');
    editing.field.value = text;
    editing.field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    forceLayout(article!);
  },

  async stopTyping() {
    closeEditor(false);
    forceLayout(article!);
  },

  host: () => article,
};
