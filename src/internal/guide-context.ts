import { createContext } from '@lit/context';
import type { GuideContent } from '../content/types.js';
import type { PageGuide } from '../sources/page-guide.js';
import type { Note } from '../store/types.js';

/**
 * What a guide, or a lone step, tells the elements inside it: the guide on the
 * page (store, session, identity, hidden and own notes, room, events) and how
 * this sheet shows it. Provided once through the Lit team's context protocol,
 * a new value only when something here changed; the notes themselves are read
 * from the store by each element (StoreSelection), so typing in one note
 * re-renders that note and nothing else.
 */
export interface GuideView {
  readonly guide: PageGuide;
  /** The guide's text: the cards a note can be moved to. */
  readonly content?: GuideContent;
  /** The name new notes are signed with; empty for anonymous notes. */
  readonly author: string;
  /** Who votes from this screen. */
  readonly participantId: string;
  /** Nothing can be changed. */
  readonly readonly: boolean;
  /** The team is voting: every note shows a one-click vote button. */
  readonly voting: boolean;
  /** This person has no votes left on the step. */
  readonly votesUsedUp: boolean;
  /** Voting is closed (a phase other than *Stem*). */
  readonly noVotes: boolean;
  /** New notes wait (a phase where the team does not write). */
  readonly noNewNotes: boolean;
  /** Hidden writing: a new note stays on this device until the facilitator reveals the notes. */
  readonly hiddenWriting: boolean;
  /** With `hiddenWriting`: the live room's session is not known yet. */
  readonly sessionUnknown: boolean;
  /** In a room the facilitator leads: only one's own notes can be deleted. */
  readonly othersFixed: boolean;
}

export const guideContext = createContext<GuideView | undefined>(Symbol('innovasjon-guide'));

/** How a sheet shows a guide when nothing else is said: everything open, no session. */
export function plainView(guide: PageGuide, changes: Partial<Omit<GuideView, 'guide'>> = {}): GuideView {
  return {
    guide,
    author: '',
    participantId: '',
    readonly: false,
    voting: false,
    votesUsedUp: false,
    noVotes: false,
    noNewNotes: false,
    hiddenWriting: false,
    sessionUnknown: false,
    othersFixed: false,
    ...changes,
  };
}

/** Whether two views show the same: a provider sends a new one only then. */
export function sameView(a: GuideView | undefined, b: GuideView): boolean {
  if (!a) return false;
  return (Object.keys(b) as (keyof GuideView)[]).every((key) => a[key] === b[key]);
}

/** Written by this person: on this device, or signed with their name. */
export function isOwnNote(view: GuideView, note: Note): boolean {
  return view.guide.ownNotes.has(note.id) || (note.author !== '' && note.author === view.author);
}
