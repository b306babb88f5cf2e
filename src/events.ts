// Every event the library sends, with its detail type. All bubble and are
// composed, so a listener on `document` hears them from inside any shadow root.
import type { StorageErrorCode } from './storage/storage-adapter.js';
import { sameNoteContent } from './store/document.js';
import type { StoreChange } from './store/guide-store.js';
import type { Phase } from './store/session.js';
import type { Action, GuideDocument, Note, NoteColor, Participant } from './store/types.js';

export interface NoteAddDetail {
  note: Note;
}
export interface NoteChangeDetail {
  note: Note;
  previous: Note;
}
export interface NoteRemoveDetail {
  note: Note;
}
export interface StepChangeDetail {
  step: number;
  previous: number;
}
export interface PhaseChangeDetail {
  /** The step the phase is on (1–4); null when the phases ended. */
  step: number | null;
  /** `write`, `share`, `vote` or `agree`; null when the phases ended. */
  phase: Phase | null;
  /** Hidden writing is on (the `write` phase only). */
  hidden: boolean;
}
export interface RevealDetail {
  /** The step whose hidden writing was revealed. */
  step: number;
  /** How many notes have come into the guide since the reveal (writers publish as they see it). */
  count: number;
}
export interface VoteDetail {
  noteId: string;
  /** Who voted or took the vote back (name empty if unknown). */
  participant: Participant;
  /** The note's votes after the change. */
  votes: number;
  /** True for a vote given, false for one taken back. */
  voted: boolean;
}
export interface ActionAddDetail {
  action: Action;
}
export interface ActionChangeDetail {
  action: Action;
  previous: Action;
}
export interface ActionRemoveDetail {
  action: Action;
}
/** The document as it was loaded from where it is stored (`innovasjon-load`). */
export interface LoadDetail {
  /** The whole document, as `data` returns it. */
  data: GuideDocument;
}
export interface ChangeDetail {
  /** The whole document after the change, as `data` returns it. */
  data: GuideDocument;
}
/**
 * `import-invalid`: an import was refused; `chunk-load-failed`: a feature's
 * code could not be fetched (nothing is lost, the person can try again);
 * `collab-unauthorized`: the room refused the token; `collab-refused`: the
 * room refused for another reason (a limit, a deleted room; see `message`);
 * `collab-invalid`: an item from the room failed validation and was skipped;
 * `collab-join-refused`: a workshop room could not be joined by link or code;
 * `collab-start-refused`: a workshop room could not be started (see the README for the reasons).
 */
export type ErrorCode =
  | StorageErrorCode
  | 'import-invalid'
  | 'chunk-load-failed'
  | 'collab-unauthorized'
  | 'collab-refused'
  | 'collab-invalid'
  | 'collab-join-refused'
  | 'collab-start-refused';
export interface ErrorDetail {
  code: ErrorCode;
  message: string;
}

/** Where the live room's connection stands (`collab-url`). */
export interface ConnectionDetail {
  status: 'connecting' | 'connected' | 'offline' | 'unauthorized' | 'refused';
  /**
   * The server's reason for `unauthorized` and `refused` (`token-expired`, `room-deleted`, `too-many-items`, …),
   * or with `offline` why the page waits and tries again by itself (`storage-unavailable`, `server-error`).
   */
  reason?: string;
}
/** Who is in the live room now: one entry per person (several tabs count once), this person included. */
export interface PresenceDetail {
  participants: { id: string; name: string; step?: number }[];
}

export interface InnovasjonEventMap {
  'innovasjon-note-add': CustomEvent<NoteAddDetail>;
  'innovasjon-note-change': CustomEvent<NoteChangeDetail>;
  'innovasjon-note-remove': CustomEvent<NoteRemoveDetail>;
  'innovasjon-step-change': CustomEvent<StepChangeDetail>;
  'innovasjon-phase-change': CustomEvent<PhaseChangeDetail>;
  'innovasjon-reveal': CustomEvent<RevealDetail>;
  'innovasjon-vote': CustomEvent<VoteDetail>;
  'innovasjon-action-add': CustomEvent<ActionAddDetail>;
  'innovasjon-action-change': CustomEvent<ActionChangeDetail>;
  'innovasjon-action-remove': CustomEvent<ActionRemoveDetail>;
  'innovasjon-change': CustomEvent<ChangeDetail>;
  'innovasjon-load': CustomEvent<LoadDetail>;
  'innovasjon-error': CustomEvent<ErrorDetail>;
  'innovasjon-connection': CustomEvent<ConnectionDetail>;
  'innovasjon-presence': CustomEvent<PresenceDetail>;
}

/** What a note holds after the person saved or left editing. */
export interface NoteEditDetail {
  text: string;
  color: NoteColor;
}

/** The events `<refleksjon-lapp>` sends to the card around it: what the person did with the note, or asks for. */
export interface LappRequestEventMap {
  /** The person saved new text or picked a colour. */
  'refleksjon-lapp-change': CustomEvent<NoteEditDetail>;
  /** The person left editing without saving. */
  'refleksjon-lapp-cancel': CustomEvent<NoteEditDetail>;
  'refleksjon-lapp-delete': CustomEvent<null>;
  'refleksjon-lapp-vote': CustomEvent<null>;
  'refleksjon-lapp-move': CustomEvent<null>;
}

/**
 * Every event `<refleksjon-lapp>` sends. `change` and `cancel` are the old,
 * native-like names of `refleksjon-lapp-change` and `refleksjon-lapp-cancel`,
 * sent right after them for one more release; they are not merged into
 * `HTMLElementEventMap`, where those names already mean `Event`.
 */
export interface LappEventMap extends LappRequestEventMap {
  /** @deprecated Since 0.2.0: listen for `refleksjon-lapp-change`; `change` goes in 0.3.0. */
  change: CustomEvent<NoteEditDetail>;
  /** @deprecated Since 0.2.0: listen for `refleksjon-lapp-cancel`; `cancel` goes in 0.3.0. */
  cancel: CustomEvent<NoteEditDetail>;
}

declare global {
  interface HTMLElementEventMap extends InnovasjonEventMap, LappRequestEventMap {}
  interface DocumentEventMap extends InnovasjonEventMap {}
  interface WindowEventMap extends InnovasjonEventMap {}
}

/**
 * Events one element sends to the element around it (a note to its card, a
 * card to the guide). Modules add theirs by declaration merging; they are not
 * put in the DOM's global maps, since some reuse native names (`change`).
 */
export interface InnovasjonElementEventMap extends LappEventMap {}

type AllEvents = InnovasjonEventMap & InnovasjonElementEventMap;
type DetailOf<K extends keyof AllEvents> = AllEvents[K] extends CustomEvent<infer D> ? D : never;

/**
 * Sends one of the library's events from `target` and returns it: every event
 * goes through here. Document events bubble out of every shadow root; an
 * element's own events pass `{ composed: false }` (and `bubbles: false` where
 * the native one does not bubble).
 */
export function emit<K extends keyof AllEvents>(
  target: EventTarget,
  type: K,
  detail: DetailOf<K>,
  { bubbles = true, composed = true, cancelable = false }: EventInit = {},
): AllEvents[K] {
  const event = new CustomEvent(type, { bubbles, composed, cancelable, detail }) as unknown as AllEvents[K];
  target.dispatchEvent(event);
  return event;
}

const votesChanged = (a: Note, b: Note) => a.votes.length !== b.votes.length || a.votes.some((v, i) => v !== b.votes[i]);
/** A note change worth an event: what it says, or its creation (a restore), not only its votes. */
const contentChanged = (a: Note, b: Note) => !sameNoteContent(a, b) || a.createdAt !== b.createdAt;

/**
 * Turns one store change into the library's events: note and action events,
 * a vote event for each vote given or taken back, then `innovasjon-change`.
 * A note that moves within its card is a note change too (its place is part of it).
 */
export function announceChange(change: StoreChange, target: EventTarget): void {
  const { notes, actions, document, previous: before } = change;
  for (const note of notes.added) emit(target, 'innovasjon-note-add', { note });
  const moved = new Set(notes.changed.length ? orderChanges(before.notes, document.notes) : []);
  for (const { item: note, previous } of notes.changed) {
    if (contentChanged(note, previous) || moved.has(note.id)) emit(target, 'innovasjon-note-change', { note, previous });
    if (!votesChanged(note, previous)) continue;
    const given = note.votes.filter((id) => !previous.votes.includes(id));
    const taken = previous.votes.filter((id) => !note.votes.includes(id));
    for (const [ids, voted] of [[given, true], [taken, false]] as const) {
      for (const id of ids) {
        const participant = document.participants.find((p) => p.id === id) ?? { id, name: '' };
        emit(target, 'innovasjon-vote', { noteId: note.id, participant, votes: note.votes.length, voted });
      }
    }
  }
  for (const note of notes.removed) emit(target, 'innovasjon-note-remove', { note });
  for (const action of actions.added) emit(target, 'innovasjon-action-add', { action });
  for (const { item: action, previous } of actions.changed) emit(target, 'innovasjon-action-change', { action, previous });
  for (const action of actions.removed) emit(target, 'innovasjon-action-remove', { action });
  emit(target, 'innovasjon-change', { data: document });
}

/** Ids of notes whose place among their card's notes changed. */
function orderChanges(before: readonly Note[], after: readonly Note[]): string[] {
  const positions = (notes: readonly Note[]) => {
    const perCard = new Map<string, number>();
    return new Map(notes.map((note) => {
      const index = perCard.get(note.cardId) ?? 0;
      perCard.set(note.cardId, index + 1);
      return [note.id, `${note.cardId}#${index}`];
    }));
  };
  const old = positions(before);
  const moved: string[] = [];
  for (const [id, place] of positions(after)) if (old.has(id) && old.get(id) !== place) moved.push(id);
  return moved;
}
