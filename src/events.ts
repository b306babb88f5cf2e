// Every event the library sends, with its detail type. All bubble and are
// composed, so a listener on `document` hears them from inside any shadow root.
import type { StorageErrorCode } from './storage/storage-adapter.js';
import type { StoreChange } from './store/guide-store.js';
import type { GuideDocument, Note } from './store/types.js';

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
export interface ChangeDetail {
  /** The whole document after the change, as `data` returns it. */
  data: GuideDocument;
}
export type ErrorCode = StorageErrorCode;
export interface ErrorDetail {
  code: ErrorCode;
  message: string;
}

export interface InnovasjonEventMap {
  'innovasjon-note-add': CustomEvent<NoteAddDetail>;
  'innovasjon-note-change': CustomEvent<NoteChangeDetail>;
  'innovasjon-note-remove': CustomEvent<NoteRemoveDetail>;
  'innovasjon-step-change': CustomEvent<StepChangeDetail>;
  'innovasjon-change': CustomEvent<ChangeDetail>;
  'innovasjon-error': CustomEvent<ErrorDetail>;
}

declare global {
  interface HTMLElementEventMap extends InnovasjonEventMap {}
  interface DocumentEventMap extends InnovasjonEventMap {}
  interface WindowEventMap extends InnovasjonEventMap {}
}

type DetailOf<K extends keyof InnovasjonEventMap> = InnovasjonEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Sends one of the library's events from `target`; returns it. */
export function emit<K extends keyof InnovasjonEventMap>(
  target: EventTarget,
  type: K,
  detail: DetailOf<K>,
): InnovasjonEventMap[K] {
  const event = new CustomEvent(type, { bubbles: true, composed: true, detail }) as InnovasjonEventMap[K];
  target.dispatchEvent(event);
  return event;
}

/** Turns one store change into the note events and the closing `innovasjon-change`. */
export function announceChange(change: StoreChange, target: EventTarget): void {
  for (const note of change.added) emit(target, 'innovasjon-note-add', { note });
  for (const { note, previous } of change.changed) emit(target, 'innovasjon-note-change', { note, previous });
  for (const note of change.removed) emit(target, 'innovasjon-note-remove', { note });
  emit(target, 'innovasjon-change', { data: change.document });
}
