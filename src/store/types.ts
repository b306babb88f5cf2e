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
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const DOCUMENT_FORMAT = 'innovasjon-guide';
export const DOCUMENT_VERSION = 1;

/**
 * The saved document. Notes are addressed by id, so two copies edited apart
 * can be merged note by note; later versions add fields beside `notes`.
 */
export interface GuideDocument {
  readonly format: typeof DOCUMENT_FORMAT;
  readonly version: typeof DOCUMENT_VERSION;
  readonly notes: readonly Note[];
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

/** Limits enforced on every document, however it arrives. */
export const LIMITS = {
  /** Characters in one note's text. */
  noteText: 2000,
  /** Characters in an author name. */
  author: 100,
  /** Notes in one document. */
  notes: 10000,
  /** Characters in an id. */
  id: 100,
} as const;
