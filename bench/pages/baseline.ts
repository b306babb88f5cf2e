// The baseline: a hand-written, framework-free implementation of the guide's
// step sheet that produces the same markup as the library (elements, shadow
// roots, attributes, text; checked by the runner's markup comparison) with the
// least DOM work we know how to write: templates cloned once per node, text
// set once, two delegated listeners per note's shadow root, only the nodes that change
// touched on an update. It is the stand-in for the physical limit of the DOM
// work, not a second product: it does only what scenarios 1–4 need.
//
// Hosts are `base-*` elements that are never defined (valid custom element
// names, so they can have shadow roots), styled with copies of the library's
// own style sheets, so style and layout cost the same.
import { turguide } from '../../src/index.js';
import { type BenchImplementation, type BenchNote, forceLayout, KeystrokeRecorder, stopwatch } from './common.js';

// ---- content, as plain strings (read once; the library reads it on every render) ----

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
const LAST_STEP = 4;
const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange'] as const;
const COLOR_NAMES: Record<string, string> = { yellow: 'gul', pink: 'rosa', blue: 'blå', green: 'grønn', orange: 'oransje' };
const numberFormat = new Intl.NumberFormat('nb');
const excerpt = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const stepName = (number: number) =>
  number === 0 ? 'Introduksjon' : `Trinn ${number}: ${steps[number - 1].title}`;

// ---- styles: copies of the sheets the library's elements adopt ----

function sheetsOf(tag: string): CSSStyleSheet[] {
  const element = customElements.get(tag) as unknown as { finalize?(): void; elementStyles: (CSSStyleSheet | { styleSheet?: CSSStyleSheet; cssText: string })[] };
  element.finalize?.();
  return element.elementStyles.map((style) => {
    const text =
      style instanceof CSSStyleSheet ? [...style.cssRules].map((rule) => rule.cssText).join('\n') : style.cssText;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
}
let sheets: Record<'guide' | 'trinn' | 'kort' | 'lapp' | 'tidtaker' | 'oppfolging', CSSStyleSheet[]> | null = null;
const styles = () =>
  (sheets ??= {
    guide: sheetsOf('innovasjon-guide'),
    trinn: sheetsOf('innovasjon-trinn'),
    kort: sheetsOf('innovasjon-kort'),
    lapp: sheetsOf('refleksjon-lapp'),
    tidtaker: sheetsOf('innovasjon-tidtaker'),
    oppfolging: sheetsOf('innovasjon-oppfolging'),
  });

// ---- templates (whitespace exactly where the library's markup has it inside inline content) ----

function template(html: string): DocumentFragment {
  const element = document.createElement('template');
  element.innerHTML = html;
  return element.content;
}
/** A deep copy of a template's node, made in this document (template content belongs to an inert one). */
const clone = (node: Node): any => document.importNode(node, true);

/** The node at a path of child indexes under `root`. */
function at(root: Node, path: readonly number[]): Node {
  let node = root;
  for (const index of path) node = node.childNodes[index];
  return node;
}

const OPTIONS = COLORS.map((color) => `<option value="${color}">${COLOR_NAMES[color]}</option>`).join('');
/** What a note's paper holds when it is not being edited (the meta line goes in at 1 when there is an author). */
const NOTE = template(
  '<p part="text" class="text"></p>' +
    '<p part="vote" class="votes"><button type="button" class="vote" aria-pressed="false">' +
    '<span class="dot" aria-hidden="true">●</span> Stem <span class="visually-hidden">,</span> <span class="count"></span>' +
    '</button></p>' +
    '<div part="actions" class="actions">' +
    '<button type="button" class="edit">Rediger</button>' +
    '<label class="visually-hidden" for="color">Farge</label>' +
    `<select id="color" class="color" title="Farge">${OPTIONS}</select>` +
    '<button type="button" class="move" aria-haspopup="dialog">Flytt</button>' +
    '<button type="button" class="delete">Slett</button>' +
    '</div>' +
    '<span part="handle" class="handle" data-drag-handle aria-hidden="true" title="Dra for å flytte">⠿</span>',
);
const META = template('<p class="meta"><span class="author"></span> <span class="color-name"></span></p>');
const META_ANONYMOUS = template('<p class="meta print-only"><span class="color-name"></span></p>');
const EDITOR = template(
  '<label class="visually-hidden" for="text">Tekst på lappen</label>' +
    '<textarea id="text" aria-describedby="hint" aria-invalid="false"></textarea>' +
    '<p id="hint" class="hint">Enter lagrer, Shift+Enter gir ny linje, Escape avbryter.</p>' +
    '<div class="actions"><button type="button" class="save">Lagre</button><button type="button" class="cancel">Avbryt</button></div>',
);
const CARD = template(
  '<section part="card" class="card" aria-labelledby="question">' +
    '<h3 id="question" part="question" class="question"></h3>' +
    '<ul part="notes" class="notes"></ul>' +
    '<button type="button" part="add-button" class="add" aria-describedby="question"><span aria-hidden="true">+</span> Legg til lapp</button>' +
    '</section>',
);
const SORT = template('<button type="button" class="sort" aria-pressed="false">Sorter etter stemmer</button>');
const TRINN = template(
  '<article part="sheet" class="sheet" aria-labelledby="title">' +
    '<p class="eyebrow" aria-hidden="true"></p>' +
    '<h2 id="title" part="title" class="title" tabindex="-1"><span class="visually-hidden"></span> </h2>' +
    '<p part="intro" class="intro"></p>' +
    '<div part="cards" class="cards"></div>' +
    '<base-innovasjon-oppfolging heading-level="3"></base-innovasjon-oppfolging>' +
    '</article>',
);
const OPPFOLGING = template(
  '<section part="section" class="section" aria-labelledby="heading">' +
    '<h3 id="heading" part="heading" class="heading">Fortsett turen!</h3>' +
    '<p part="intro" class="intro">Hva gjør vi videre? Skriv ned hvem som gjør hva, og når.</p>' +
    '<p class="empty">Ingen oppfølging er skrevet ned ennå.</p>' +
    '<form part="form" class="form add" novalidate>' +
    '<div class="field what-field"><label for="add-what">Hva skal gjøres?</label> <input id="add-what" name="what" type="text" maxlength="500" required autocomplete="off" value=""></div>' +
    '<div class="field"><label for="add-who">Hvem?</label> <input id="add-who" name="who" type="text" maxlength="100" autocomplete="off" value=""></div>' +
    '<div class="field"><label for="add-due">Når?</label> <input id="add-due" name="due" type="date" min="1000-01-01" max="9999-12-31" value=""></div>' +
    '<div class="buttons"><button type="submit" part="add-button" class="primary add-button">Legg til oppfølging</button></div>' +
    '</form>' +
    '<p class="visually-hidden" role="status"></p>' +
    '</section>',
);
const TIMER = template(
  '<div part="base" class="base" role="group" aria-label="Tidtaker">' +
    '<div class="display"><span id="time-label" class="label">Gjenstående tid</span> ' +
    '<span part="time" class=" time " role="timer" aria-live="off" aria-labelledby="time-label">05:00</span></div>' +
    '<div part="controls" class="controls"><label for="minutes">Varighet</label> <select id="minutes">' +
    '<option value="1">1 minutt</option><option value="3">3 minutter</option><option value="5" selected>5 minutter</option>' +
    '<option value="10">10 minutter</option><option value="15">15 minutter</option></select> ' +
    '<button type="button" part="start-button" class="primary toggle">Start</button> ' +
    '<button type="button" part="reset-button" class="reset">Nullstill</button></div>' +
    '<p class="visually-hidden" role="status"></p>' +
    '</div>',
);
const NAV_STEP = template(
  '<li><button type="button" part="nav-button"><span class="number"></span> <span class="name"></span> ' +
    '<span class="count"></span> <span class="progress"></span></button></li>',
);
const GUIDE = template(
  '<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>' +
    '<div class="status" role="status"></div>' +
    '<div part="toolbar" class="toolbar">' +
    '<button type="button" class="print">Skriv ut</button>' +
    '<div class="group" role="group" aria-labelledby="download-label"><span id="download-label" class="group-label">Last ned:</span> ' +
    '<button type="button" class="download-markdown">Markdown (tekst)</button> ' +
    '<button type="button" class="download-csv">CSV (regneark)</button> ' +
    '<button type="button" class="download-json">JSON (for import)</button></div>' +
    '<button type="button" class="import">Importer fra fil …</button>' +
    '<input class="import-file" type="file" accept=".json,application/json" hidden aria-hidden="true" tabindex="-1">' +
    '</div>' +
    '<div class="workshop">' +
    '<div part="participant" class="participant">' +
    '<label class="field"><span>Navnet ditt</span> <input type="text" autocomplete="name" maxlength="100" aria-describedby="participant-hint"></label>' +
    '<label class="check"><input type="checkbox"> Skriv anonymt</label>' +
    '<p id="participant-hint" class="hint">Navnet vises på lappene du skriver, og huskes i denne nettleseren.</p>' +
    '</div>' +
    '<base-innovasjon-tidtaker part="timer"></base-innovasjon-tidtaker>' +
    '</div>' +
    '<nav part="nav" aria-label="Trinn i guiden"><ol><li><button type="button" part="nav-button"><span class="name">Introduksjon</span></button></li></ol></nav>' +
    '<div part="sheet" class="sheet"></div>' +
    '<div part="pager" class="pager"></div>' +
    '<p part="credit" class="credit">Innhold: KS – Turguide for innovasjon</p>',
);
const NAV_SUMMARY = template('<li><button type="button" part="nav-button"><span class="name">Oppsummering</span></button></li>');
const PREVIOUS = template('<button type="button" class="previous"><span aria-hidden="true">←</span> </button>');
const NEXT = template('<button type="button" class="next primary"> <span aria-hidden="true">→</span></button>');

// ---- the model and the views ----

interface NoteView {
  note: BenchNote;
  item: HTMLLIElement;
  host: HTMLElement;
  root: ShadowRoot;
  paper: HTMLElement;
  editing: boolean;
  draft: string;
}
interface CardView {
  card: Card;
  host: HTMLElement;
  root: ShadowRoot;
  section: HTMLElement;
  list: HTMLUListElement;
  sort: HTMLElement | null;
}

let notesByCard = new Map<string, BenchNote[]>();
const noteViews = new Map<string, NoteView>();
let cardViews: CardView[] = [];
let guideHost: HTMLElement | null = null;
let sheetSlot: HTMLElement;
let pager: HTMLElement;
let navButtons: HTMLElement[] = [];
let trinnHost: HTMLElement | null = null;
let currentStep = 1;
let editingView: NoteView | null = null;
let nextId = 0;

function onNoteClick(this: ShadowRoot, event: Event) {
  const button = (event.target as Element).closest('button');
  const view = noteViews.get((this.host as HTMLElement).dataset.id!);
  if (!button || !view) return;
  if (button.classList.contains('edit')) void openEditor(view);
  else if (button.classList.contains('cancel')) closeEditor(view);
}
function onNoteChange(this: ShadowRoot, event: Event) {
  const view = noteViews.get((this.host as HTMLElement).dataset.id!);
  if (view && (event.target as Element).localName === 'select') {
    view.note = { ...view.note, color: (event.target as HTMLSelectElement).value as BenchNote['color'] };
    view.host.setAttribute('color', view.note.color);
  }
}
function onEditorInput(this: HTMLTextAreaElement) {
  if (editingView) editingView.draft = this.value;
}
function onEditorKeydown(this: HTMLTextAreaElement, event: KeyboardEvent) {
  if (event.key === 'Escape' && editingView) {
    event.preventDefault();
    closeEditor(editingView);
  }
}

function noteLabel(note: BenchNote, question: string): string {
  const color = COLOR_NAMES[note.color];
  return `${note.author ? `Lapp, ${color}, skrevet av ${note.author}` : `Lapp, ${color}`}: ${question}`;
}

/** The line under the text: the author, and the colour's name (shown in print; always there for screen readers). */
function metaOf(note: BenchNote): HTMLElement {
  if (note.author) {
    const meta = clone(META.firstChild!) as HTMLElement;
    meta.firstChild!.textContent = note.author;
    meta.lastChild!.textContent = COLOR_NAMES[note.color];
    return meta;
  }
  const meta = clone(META_ANONYMOUS.firstChild!) as HTMLElement;
  meta.firstChild!.textContent = COLOR_NAMES[note.color];
  return meta;
}

function renderNoteBody(view: NoteView, question: string) {
  const { note, paper } = view;
  paper.setAttribute('aria-label', noteLabel(note, question));
  const body = clone(NOTE) as DocumentFragment;
  const [text, votes, actions] = body.childNodes as unknown as HTMLElement[];
  text.textContent = note.text;
  const count: number = 0; // the bench's notes have no votes
  at(votes, [0, 4]).textContent = `${numberFormat.format(count)} ${count === 1 ? 'stemme' : 'stemmer'}`;
  const label = excerpt(note.text);
  const controls = actions.childNodes as unknown as HTMLElement[];
  controls[0].setAttribute('aria-label', `Rediger lapp: ${label}`);
  controls[2].children[COLORS.indexOf(note.color)].setAttribute('selected', '');
  controls[3].setAttribute('aria-label', `Flytt lapp: ${label}`);
  controls[4].setAttribute('aria-label', `Slett lapp: ${label}`);
  body.insertBefore(metaOf(note), votes);
  paper.replaceChildren(body);
}

function createNote(note: BenchNote, question: string): NoteView {
  const item = document.createElement('li');
  item.setAttribute('class', '');
  const host = document.createElement('base-refleksjon-lapp');
  host.dataset.id = note.id;
  host.setAttribute('color', note.color);
  const root = host.attachShadow({ mode: 'open', delegatesFocus: true });
  root.adoptedStyleSheets = styles().lapp;
  const paper = document.createElement('div');
  paper.setAttribute('part', 'note');
  paper.className = 'note';
  paper.setAttribute('role', 'group');
  root.append(paper);
  root.addEventListener('click', onNoteClick);
  root.addEventListener('change', onNoteChange);
  item.append(host);
  const view: NoteView = { note, item, host, root, paper, editing: false, draft: '' };
  renderNoteBody(view, question);
  noteViews.set(note.id, view);
  return view;
}

function cardOfNote(view: NoteView): CardView | undefined {
  return cardViews.find((each) => each.card.id === view.note.cardId);
}

async function openEditor(view: NoteView) {
  const card = cardOfNote(view);
  if (!card) return;
  view.editing = true;
  view.draft = view.note.text;
  view.host.setAttribute('editing', '');
  const editor = clone(EDITOR) as DocumentFragment;
  const field = editor.childNodes[1] as HTMLTextAreaElement;
  field.value = view.draft;
  field.addEventListener('input', onEditorInput);
  field.addEventListener('keydown', onEditorKeydown);
  const meta = view.paper.querySelector('.meta')!;
  view.paper.replaceChildren(editor, meta);
  editingView = view;
  field.focus();
  field.setSelectionRange(field.value.length, field.value.length);
}

function closeEditor(view: NoteView) {
  const card = cardOfNote(view);
  view.editing = false;
  view.host.removeAttribute('editing');
  if (editingView === view) editingView = null;
  if (card) renderNoteBody(view, card.card.question);
}

function createCard(card: Card): CardView {
  const host = document.createElement('base-innovasjon-kort');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = styles().kort;
  const section = clone(CARD.firstChild!) as HTMLElement;
  section.firstChild!.textContent = card.question;
  const list = section.childNodes[1] as HTMLUListElement;
  list.setAttribute('aria-label', `Lapper: ${card.question}`);
  if (card.explanation) {
    const explanation = document.createElement('p');
    explanation.className = 'explanation';
    explanation.textContent = card.explanation;
    section.insertBefore(explanation, list);
  }
  if (card.prompts.length) {
    const prompts = document.createElement('ul');
    prompts.className = 'prompts';
    for (const prompt of card.prompts) {
      const item = document.createElement('li');
      item.textContent = prompt;
      prompts.append(item);
    }
    section.insertBefore(prompts, list);
  }
  const notes = notesByCard.get(card.id) ?? [];
  const view: CardView = { card, host, root, section, list, sort: null };
  updateSort(view);
  const items = document.createDocumentFragment();
  for (const note of notes) items.append(createNote(note, card.question).item);
  list.append(items);
  root.append(section);
  return view;
}

function updateSort(view: CardView) {
  const show = (notesByCard.get(view.card.id)?.length ?? 0) > 1;
  if (show && !view.sort) {
    view.sort = clone(SORT.firstChild!) as HTMLElement;
    view.section.insertBefore(view.sort, view.list);
  } else if (!show && view.sort) {
    view.sort.remove();
    view.sort = null;
  }
}

function createTrinn(step: Step): HTMLElement {
  const host = document.createElement('base-innovasjon-trinn');
  host.setAttribute('heading-level', '2');
  host.setAttribute('number', String(step.number));
  host.setAttribute('storage-key', 'innovasjon-guide');
  host.setAttribute('votes-per-person', '0');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = styles().trinn;
  const article = clone(TRINN.firstChild!) as HTMLElement;
  article.childNodes[0].textContent = `Trinn ${step.number}`;
  const heading = article.childNodes[1];
  heading.firstChild!.textContent = `Trinn ${step.number}:`;
  heading.lastChild!.textContent = ` ${step.title}`;
  article.childNodes[2].textContent = step.intro;
  cardViews = step.cards.map(createCard);
  (article.children[3] as HTMLElement).append(...cardViews.map((view) => view.host));
  const followUp = article.children[4] as HTMLElement;
  followUp.setAttribute('step', String(step.number));
  const followUpRoot = followUp.attachShadow({ mode: 'open' });
  followUpRoot.adoptedStyleSheets = styles().oppfolging;
  followUpRoot.append(clone(OPPFOLGING));
  root.append(article);
  return host;
}

function updateNav(number: number) {
  const step = steps[number - 1];
  const button = navButtons[number];
  const count = step.cards.reduce((sum, card) => sum + (notesByCard.get(card.id)?.length ?? 0), 0);
  const answered = step.cards.filter((card) => notesByCard.get(card.id)?.length).length;
  const countText = `${numberFormat.format(count)} ${count === 1 ? 'lapp' : 'lapper'}`;
  const progressText = `${answered} av ${step.cards.length} kort besvart`;
  const [, , countLabel, progressLabel] = button.children;
  if (countLabel.textContent !== countText) countLabel.textContent = countText;
  if (progressLabel.textContent !== progressText) progressLabel.textContent = progressText;
}

function showStep(number: number) {
  navButtons[currentStep]?.removeAttribute('aria-current');
  currentStep = number;
  navButtons[number].setAttribute('aria-current', 'step');
  guideHost!.setAttribute('step', String(number));
  for (const view of noteViews.values()) if (view.editing) editingView = null;
  noteViews.clear();
  trinnHost = createTrinn(steps[number - 1]);
  sheetSlot.replaceChildren(trinnHost);
  const buttons: Node[] = [];
  if (number > 0) {
    const previous = clone(PREVIOUS.firstChild!);
    previous.lastChild!.textContent = ` ${stepName(number - 1)}`;
    buttons.push(previous);
  }
  if (number < LAST_STEP) {
    const next = clone(NEXT.firstChild!);
    next.firstChild!.textContent = `${stepName(number + 1)} `;
    buttons.push(next);
  }
  pager.replaceChildren(...buttons);
}

function createGuide(step: number): HTMLElement {
  const host = document.createElement('base-innovasjon-guide');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = styles().guide;
  const content = clone(GUIDE) as DocumentFragment;
  const list = content.querySelector('ol')!;
  navButtons = [list.querySelector('button')!];
  for (const each of steps) {
    const item = clone(NAV_STEP.firstChild!) as HTMLElement;
    const button = item.firstChild as HTMLElement;
    button.children[0].textContent = `Trinn ${each.number}`;
    button.children[1].textContent = each.title;
    navButtons.push(button);
    list.append(item);
  }
  const summary = clone(NAV_SUMMARY.firstChild!) as HTMLElement;
  list.append(summary);
  const timer = content.querySelector('base-innovasjon-tidtaker')!;
  const timerRoot = timer.attachShadow({ mode: 'open' });
  timerRoot.adoptedStyleSheets = styles().tidtaker;
  timerRoot.append(clone(TIMER));
  sheetSlot = content.querySelector('.sheet')!;
  pager = content.querySelector('.pager')!;
  root.append(content);
  guideHost = host;
  for (const each of steps) updateNav(each.number);
  showStep(step);
  return host;
}

// ---- the implementation ----

const container = document.getElementById('baseline')!;

export const baseline: BenchImplementation = {
  name: 'baseline',

  async mount(notes: readonly BenchNote[], step: number, label: string) {
    this.unmount();
    styles();
    const stop = stopwatch(label);
    notesByCard = new Map();
    for (const note of notes) {
      const list = notesByCard.get(note.cardId);
      if (list) list.push(note);
      else notesByCard.set(note.cardId, [note]);
    }
    container.append(createGuide(step));
    forceLayout(guideHost!);
    return stop();
  },

  unmount() {
    guideHost?.remove();
    guideHost = null;
    trinnHost = null;
    cardViews = [];
    noteViews.clear();
    editingView = null;
    notesByCard = new Map();
    container.replaceChildren();
  },

  async addNote(cardId: string, text: string, label: string) {
    const stop = stopwatch(label);
    const now = new Date().toISOString();
    const note: BenchNote = { id: `b${nextId++}`, cardId, text, color: 'yellow', author: '', createdAt: now, updatedAt: now };
    const list = notesByCard.get(cardId);
    if (list) list.push(note);
    else notesByCard.set(cardId, [note]);
    const view = cardViews.find((each) => each.card.id === cardId);
    if (view) {
      view.list.append(createNote(note, view.card.question).item);
      updateSort(view);
    }
    updateNav(steps.findIndex((step) => step.cards.some((card) => card.id === cardId)) + 1);
    forceLayout(guideHost!);
    return [stop(), note.id];
  },

  async removeNote(id: string) {
    const view = noteViews.get(id);
    if (!view) return;
    const list = notesByCard.get(view.note.cardId)!;
    list.splice(list.indexOf(view.note), 1);
    view.item.remove();
    noteViews.delete(id);
    const card = cardOfNote(view);
    if (card) updateSort(card);
    updateNav(steps.findIndex((step) => step.cards.some((each) => each.id === view.note.cardId)) + 1);
    forceLayout(guideHost!);
  },

  async setStep(step: number, label: string) {
    const stop = stopwatch(label);
    showStep(step);
    forceLayout(guideHost!);
    return stop();
  },

  async startTyping(noteId: string) {
    const view = noteViews.get(noteId);
    if (!view) throw new Error(`baseline: no note ${noteId} on the page`);
    await openEditor(view);
    forceLayout(guideHost!);
    return new KeystrokeRecorder(() => ({ counts: {}, onlyTarget: true }));
  },

  typedText: () => editingView?.draft ?? '',

  async fill(text: string) {
    const field = editingView?.paper.querySelector('textarea');
    if (!field) throw new Error('baseline: no open text field');
    field.value = text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    forceLayout(guideHost!);
  },

  async stopTyping() {
    if (editingView) closeEditor(editingView);
    forceLayout(guideHost!);
  },

  host: () => guideHost,
};

