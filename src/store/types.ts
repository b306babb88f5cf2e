/** The five sticky-note colours, in the order the colour picker offers them. */
export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** One sticky note on a question card. Timestamps are ISO 8601 strings. */
export interface Note {
  readonly id: string;
  readonly cardId: string;
  readonly text: string;
  readonly color: NoteColor;
  /** Who wrote it; an empty string is an anonymous note. */
  readonly author: string;
  /** Ids of the participants who gave the note a dot vote. */
  readonly votes: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Someone taking part, so votes can be counted per person and shown by name. */
export interface Participant {
  readonly id: string;
  readonly name: string;
}

/** A follow-up action agreed at the end of a step ("Fortsett turen!"). */
export interface Action {
  readonly id: string;
  /** The step it follows up, 1 to 4. */
  readonly step: number;
  readonly what: string;
  readonly who: string;
  /** Due date as `YYYY-MM-DD`, or empty. */
  readonly due: string;
  readonly done: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Remembers a deletion, so a stale copy cannot bring the note or action back. */
export interface Tombstone {
  readonly id: string;
  readonly deletedAt: string;
}

export const DOCUMENT_FORMAT = 'innovasjon-guide';
/** The document version this library writes. It reads every older one. */
export const DOCUMENT_VERSION = 2;

/**
 * The saved document. Everything in it is addressed by id, so two copies
 * edited apart merge item by item, and changes can arrive from outside.
 */
export interface GuideDocument {
  readonly format: typeof DOCUMENT_FORMAT;
  readonly version: typeof DOCUMENT_VERSION;
  readonly notes: readonly Note[];
  readonly actions: readonly Action[];
  readonly participants: readonly Participant[];
  readonly deleted: readonly Tombstone[];
}

/** What a caller may give when adding a note. */
export interface NewNote {
  cardId: string;
  text: string;
  color?: NoteColor;
  author?: string;
}

/** The fields of a note a caller may change. */
export type NoteChanges = Partial<Pick<Note, 'text' | 'color' | 'author' | 'cardId'>>;

/** What a caller may give when adding an action. */
export interface NewAction {
  step: number;
  what: string;
  who?: string;
  due?: string;
  done?: boolean;
}

export type ActionChanges = Partial<Pick<Action, 'what' | 'who' | 'due' | 'done' | 'step'>>;

/** Limits enforced on every document, however it arrives. */
export const LIMITS = {
  /** Characters in one note's text. */
  noteText: 2000,
  /** Characters in an author or participant name. */
  name: 100,
  /** Notes in one document. */
  notes: 10000,
  /** Notes on one card. */
  notesPerCard: 2000,
  /** Characters in an action's "what". */
  actionText: 500,
  /** Actions in one document. */
  actions: 1000,
  /** Participants in one document. */
  participants: 500,
  /** Remembered deletions; the oldest are forgotten first. */
  deleted: 20000,
  /** Characters in an id. */
  id: 100,
} as const;
