import { cardIdsOf } from '../content/turguide.js';
import type { GuideContent } from '../content/types.js';
import type { GuideDocument, Note } from '../store/types.js';

const EMPTY: readonly Note[] = Object.freeze([]);
const cache = new WeakMap<GuideDocument, Map<string, readonly Note[]>>();

/** The notes of a document grouped by card, computed once per document version. */
export function notesByCard(document: GuideDocument): Map<string, readonly Note[]> {
  let groups = cache.get(document);
  if (!groups) {
    const building = new Map<string, Note[]>();
    for (const note of document.notes) {
      const list = building.get(note.cardId);
      if (list) list.push(note);
      else building.set(note.cardId, [note]);
    }
    groups = building;
    cache.set(document, groups);
  }
  return groups;
}

export const notesOnCard = (document: GuideDocument, cardId: string): readonly Note[] =>
  notesByCard(document).get(cardId) ?? EMPTY;

const cardIdsCache = new WeakMap<GuideContent, ReadonlySet<string>>();

/** Notes whose card the content does not have: kept, never dropped, and shown apart. */
export function unplacedNotes(document: GuideDocument, content: GuideContent): readonly Note[] {
  let ids = cardIdsCache.get(content);
  if (!ids) {
    ids = cardIdsOf(content);
    cardIdsCache.set(content, ids);
  }
  const known = ids;
  const notes = [...notesByCard(document)].filter(([cardId]) => !known.has(cardId)).flatMap(([, list]) => list);
  return notes.length ? notes : EMPTY;
}
