// Shared by both sides of the bench page (library and baseline): the
// generated notes, the timing helpers and the keystroke recorder. Nothing
// here touches the library, so the baseline stays free of Lit.

/** A note as a saved version-1 document holds it: what both implementations are given. */
export interface BenchNote {
  id: string;
  cardId: string;
  text: string;
  color: 'yellow' | 'pink' | 'blue' | 'green' | 'orange';
  author: string;
  /** Ids of the participants who voted for the note. */
  votes: string[];
  createdAt: string;
  updatedAt: string;
}

/** The cards of each step, in order (the ids are part of the saved format). */
export const STEP_CARDS: Record<number, readonly string[]> = {
  1: ['t1-mal', 't1-forankring', 't1-team'],
  2: ['t2-forsta', 't2-metoder', 't2-formidle'],
  3: ['t3-inspirasjon', 't3-teste', 't3-samarbeid'],
  4: ['t4-implementere', 't4-folge-med'],
};

const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange'] as const;
const WORDS = (
  'brukere behov ventetid hjemmetjenester ledelse forankring team tillit prototype test innbyggere ' +
  'tjenestedesign samarbeid kommune helse skole barnehage digital løsning gevinst mål risiko innsikt ' +
  'intervju workshop pilot evaluering ressurser kompetanse økonomi frivillige næringsliv'
).split(' ');
const AUTHORS = ['Kari', 'Ola Nordmann', 'Aisha', 'Per-Erik', 'Ingrid S.', 'Mohammed'];
/** The people who vote: every fourth note has 1 to 5 of their votes. */
const PARTICIPANTS = AUTHORS.map((name, index) => ({ id: `p${index + 1}`, name }));

/** A small, seeded PRNG (mulberry32): the same notes on every run and for both implementations. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` notes spread round-robin over `cardIds`: 3 to 22 words each (some
 * longer than the 40 characters the buttons' labels quote), a third of them
 * anonymous, all five colours, every fourth with 1 to 5 votes.
 */
export function makeNotes(count: number, cardIds: readonly string[], seed = 1): BenchNote[] {
  const next = random(seed);
  const notes: BenchNote[] = [];
  const base = Date.UTC(2026, 10, 26, 9, 0, 0);
  for (let index = 0; index < count; index++) {
    const words = 3 + Math.floor(next() * 20);
    let text = '';
    for (let w = 0; w < words; w++) text += (w ? ' ' : '') + WORDS[Math.floor(next() * WORDS.length)];
    text = text[0].toUpperCase() + text.slice(1);
    const at = new Date(base + index * 1000).toISOString();
    notes.push({
      id: `n${seed}-${index.toString(36).padStart(4, '0')}`,
      cardId: cardIds[index % cardIds.length],
      text,
      color: COLORS[index % COLORS.length],
      author: index % 3 === 2 ? '' : AUTHORS[Math.floor(next() * AUTHORS.length)],
      votes: index % 4 === 1 ? PARTICIPANTS.slice(0, 1 + ((index >> 2) % 5)).map((person) => person.id) : [],
      createdAt: at,
      updatedAt: at,
    });
  }
  return notes;
}

/** A version-2 document (the first with votes): the library upgrades older formats it reads, so this survives format changes. */
export const toDocument = (notes: readonly BenchNote[]) => ({
  format: 'innovasjon-guide',
  version: 2,
  notes,
  actions: [],
  participants: PARTICIPANTS,
  deleted: [],
});

/** Resolves once the next frame has been produced: rAF, then a task posted from it (it runs after paint). */
export function afterNextFrame(): Promise<{ frameStart: number; end: number }> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const frameStart = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ frameStart, end: performance.now() });
      channel.port2.postMessage(null);
    }),
  );
}

/**
 * Starts timing a sample: wall time with performance.now(), and two marks
 * (`label:start`, `label:end`) that the runner finds in Chromium's trace to
 * read the main thread's CPU time between them. Returns the function that
 * stops it and returns the wall time in milliseconds.
 */
export function stopwatch(label: string): () => number {
  performance.mark(`${label}:start`);
  const start = performance.now();
  return () => {
    const ms = performance.now() - start;
    performance.mark(`${label}:end`);
    return ms;
  };
}

/** Forces style and layout of the whole document, the way both implementations end a render. */
export function forceLayout(element: Element): void {
  element.getBoundingClientRect();
}

export interface UpdateLog {
  /** Element updates (Lit `update` calls) by tag name; empty for the baseline. */
  counts: Record<string, number>;
  /** Whether every update was of the element being edited. */
  onlyTarget: boolean;
}

export interface KeystrokeResult extends UpdateLog {
  /**
   * The main thread's work for the keystroke: keydown to the end of the `input`
   * event (every listener and the microtasks they queued, so Lit's update),
   * plus the frame that shows the character (rAF to after paint). The wait for
   * the frame's vsync between the two is idle time and is left out.
   */
  work: number;
  /** keydown to the end of the `input` event. */
  handled: number;
  /** The frame alone: rAF to the task after paint (style, layout, paint). */
  frame: number;
  /** Wall time from keydown to the end of the frame, idle wait for vsync included. */
  wall: number;
}

/**
 * Times real keystrokes: the runner types a character through the browser's
 * input pipeline (CDP Input.dispatchKeyEvent), then awaits `next()`.
 */
export class KeystrokeRecorder {
  readonly #results: Promise<KeystrokeResult>[] = [];
  #waiting: (() => void) | null = null;
  #handled = 0;
  readonly #stop: () => void;

  constructor(takeUpdates: () => UpdateLog) {
    const onKeydown = () => {
      const start = performance.now();
      this.#handled = 0;
      takeUpdates(); // forget anything before this key
      this.#results.push(
        afterNextFrame().then(({ frameStart, end }) => {
          const handled = (this.#handled || frameStart) - start;
          return { work: handled + (end - frameStart), handled, frame: end - frameStart, wall: end - start, ...takeUpdates() };
        }),
      );
      this.#waiting?.();
    };
    // The textarea's `input` is composed, so this runs after every listener inside the element,
    // and its microtask after the ones they queued.
    const onInput = () => queueMicrotask(() => (this.#handled = performance.now()));
    window.addEventListener('keydown', onKeydown, { capture: true });
    window.addEventListener('input', onInput);
    this.#stop = () => {
      window.removeEventListener('keydown', onKeydown, { capture: true });
      window.removeEventListener('input', onInput);
    };
  }

  /** The result of the oldest keystroke not yet taken (waits for its keydown if need be). */
  async next(timeout = 5000): Promise<KeystrokeResult> {
    if (!this.#results.length) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no keydown reached the page')), timeout);
        this.#waiting = () => {
          clearTimeout(timer);
          this.#waiting = null;
          resolve();
        };
      });
    }
    return this.#results.shift()!;
  }

  stop(): void {
    this.#stop();
  }
}

/** Long tasks the page saw from `start` on (observed in the page's head, before any bundle ran). */
export function longTasksSince(start: number): { durations: number[] } {
  const tasks = ((window as unknown as { __longTasks?: PerformanceEntry[] }).__longTasks ?? []).filter(
    (task) => task.startTime >= start,
  );
  return { durations: tasks.map((task) => task.duration) };
}

/** What the runner drives, in the same shape for the library and the baseline. */
export interface BenchImplementation {
  readonly name: 'library' | 'baseline';
  // The timed methods take the sample's label for `stopwatch` and return its wall time.
  /**
   * Timed: from putting the step into the page to its DOM complete and laid out.
   * `votesPerPerson` above 0 turns voting on (the information check only).
   */
  mount(notes: readonly BenchNote[], step: number, label: string, votesPerPerson?: number): Promise<number>;
  unmount(): void;
  /** Timed: add one note to a card through the public API, until rendered and laid out. Returns [ms, id]. */
  addNote(cardId: string, text: string, label: string): Promise<[number, string]>;
  /** Untimed: remove a note again (keeps the count steady between samples). */
  removeNote(id: string): Promise<void>;
  /** Timed: show another step, until rendered and laid out. */
  setStep(step: number, label: string): Promise<number>;
  /** Untimed: open a note's text field and focus it; returns a recorder for keystrokes. */
  startTyping(noteId: string): Promise<KeystrokeRecorder>;
  /** The text now in the open field (to check the keys arrived). */
  typedText(): string;
  /** Untimed: put text into the open field as if typed (an `input` event), so a block of keystrokes can continue a text. */
  fill(text: string): Promise<void>;
  /** Untimed: close the text field without saving (Escape). */
  stopTyping(): Promise<void>;
  /** The element that holds what the implementation shows, for the information check. */
  host(): Element | null;
}
