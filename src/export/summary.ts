// The whole journey on one sheet: per step its most-voted notes and its
// follow-up actions, and every open action across the steps. Pure: the same
// document and content always give the same summary.
import type { GuideContent, GuideStep, QuestionCard } from '../content/types.js';
import type { Action, GuideDocument, Note } from '../store/types.js';

export interface SummaryNote {
  readonly note: Note;
  /** The card the note is on. */
  readonly card: QuestionCard;
}

export interface StepSummary {
  readonly step: GuideStep;
  /** Notes with at least one vote: most votes first, then the oldest; at most `topVotes`. */
  readonly topNotes: readonly SummaryNote[];
  /** The step's follow-up actions, done or not, in document order. */
  readonly actions: readonly Action[];
}

export interface GuideSummary {
  /** One entry per step of the content, in content order. */
  readonly steps: readonly StepSummary[];
  /**
   * Every action not done, across all steps (also a step the content does not
   * have): earliest due date first, those without a date last; ties by step,
   * then in document order.
   */
  readonly openActions: readonly Action[];
}

export interface SummarizeOptions {
  /** How many voted notes to keep per step: a whole number from 0, or Infinity for all. Default 3. */
  topVotes?: number;
}

/** Where each card of the content is: the first step that holds its id. */
export function cardPlaces(content: GuideContent): ReadonlyMap<string, { step: GuideStep; card: QuestionCard }> {
  const places = new Map<string, { step: GuideStep; card: QuestionCard }>();
  for (const step of content.steps) {
    for (const card of step.cards) if (!places.has(card.id)) places.set(card.id, { step, card });
  }
  return places;
}

const byVotesThenAge = (a: SummaryNote, b: SummaryNote): number =>
  b.note.votes.length - a.note.votes.length || Date.parse(a.note.createdAt) - Date.parse(b.note.createdAt);

function byDueThenStep(a: Action, b: Action): number {
  if (a.due !== b.due) {
    if (!a.due) return 1;
    if (!b.due) return -1;
    return a.due < b.due ? -1 : 1; // YYYY-MM-DD sorts as text
  }
  return a.step - b.step;
}

export function summarize(
  document: GuideDocument,
  content: GuideContent,
  { topVotes = 3 }: SummarizeOptions = {},
): GuideSummary {
  if (Number.isNaN(topVotes) || topVotes < 0 || (Number.isFinite(topVotes) && !Number.isInteger(topVotes))) {
    throw new RangeError(`topVotes must be a whole number from 0, got ${topVotes}`);
  }
  const places = cardPlaces(content);
  const voted = new Map<GuideStep, SummaryNote[]>();
  for (const note of document.notes) {
    const place = places.get(note.cardId);
    if (!place || note.votes.length === 0) continue;
    const list = voted.get(place.step) ?? [];
    list.push({ note, card: place.card });
    voted.set(place.step, list);
  }
  const steps = content.steps.map(
    (step): StepSummary => ({
      step,
      // Array.prototype.sort is stable, so equal votes and times keep document order.
      topNotes: (voted.get(step) ?? []).sort(byVotesThenAge).slice(0, topVotes),
      actions: document.actions.filter((action) => action.step === step.number),
    }),
  );
  const openActions = document.actions.filter((action) => !action.done).sort(byDueThenStep);
  return { steps, openActions };
}
