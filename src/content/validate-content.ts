import { fieldsOf, requireArray, requireString } from '../store/checks.js';
import { DocumentError } from '../store/errors.js';
import { LIMITS } from '../store/types.js';
import { turguide } from './turguide.js';
import type { GuideContent, GuideStep, LocalizedText, QuestionCard } from './types.js';

const MAX_TEXT = 5000;

/** An array of at most `max` items (the store's check), and at least `min`. */
function list(value: unknown, path: string, max: number, min = 0): unknown[] {
  const items = requireArray(value, path, max);
  if (items.length < min) throw new DocumentError(`must hold ${min} to ${max} items`, path);
  return items;
}

/** A plain string becomes text that never changes language; a function stays as it is. */
function text(value: unknown, path: string): LocalizedText {
  if (typeof value === 'function') return value as LocalizedText;
  const checked = requireString(value, path, MAX_TEXT);
  return () => checked;
}

function card(value: unknown, path: string): QuestionCard {
  const fields = fieldsOf(value, path);
  const id = fields.id;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/i.test(id) || id.length > LIMITS.id) {
    throw new DocumentError('must be an id of letters, digits and hyphens', `${path}.id`);
  }
  return Object.freeze({
    id,
    question: text(fields.question, `${path}.question`),
    ...(fields.explanation !== undefined && { explanation: text(fields.explanation, `${path}.explanation`) }),
    prompts: Object.freeze(list(fields.prompts ?? [], `${path}.prompts`, 20).map((p, i) => text(p, `${path}.prompts[${i}]`))),
  });
}

/**
 * Checks a guide's content given by a host (a reworded question, an added
 * card, another guide of the same shape) and returns it ready to render.
 * Strings are shown as text, never as HTML. Throws a DocumentError.
 */
export function validateContent(value: unknown): GuideContent {
  const fields = fieldsOf(value, 'content');
  const intro = fieldsOf(fields.introduction, 'introduction');
  const seenCards = new Set<string>();
  const seenSteps = new Set<number>();
  const steps = list(fields.steps, 'steps', 4, 1).map((raw, index): GuideStep => {
    const path = `steps[${index}]`;
    const step = fieldsOf(raw, path);
    const number = step.number;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 4 || seenSteps.has(number)) {
      throw new DocumentError('must be a step number from 1 to 4, each once', `${path}.number`);
    }
    seenSteps.add(number);
    const cards = list(step.cards, `${path}.cards`, 12, 1).map((c, i) => card(c, `${path}.cards[${i}]`));
    for (const each of cards) {
      if (seenCards.has(each.id)) throw new DocumentError(`repeats the card id ${JSON.stringify(each.id)}`, `${path}.cards`);
      seenCards.add(each.id);
    }
    return Object.freeze({
      number,
      title: text(step.title, `${path}.title`),
      intro: text(step.intro, `${path}.intro`),
      cards: Object.freeze(cards),
    });
  });
  return Object.freeze({
    introduction: Object.freeze({
      title: text(intro.title, 'introduction.title'),
      paragraphs: Object.freeze(list(intro.paragraphs, 'introduction.paragraphs', 20).map((p, i) => text(p, `introduction.paragraphs[${i}]`))),
      instructionsLead: text(intro.instructionsLead, 'introduction.instructionsLead'),
      instructions: Object.freeze(list(intro.instructions, 'introduction.instructions', 20).map((p, i) => text(p, `introduction.instructions[${i}]`))),
    }),
    steps: Object.freeze(steps.sort((a, b) => a.number - b.number)),
  });
}

/** KS's own content is checked by a unit test (test/content/validate-content.test.ts), not on every page. */
const accepted = new WeakSet<GuideContent>([turguide]);

/** Validates content a host gives (once per object; KS's own needs no check). */
export function acceptContent(value: GuideContent): GuideContent {
  if (accepted.has(value)) return value;
  const next = validateContent(value);
  accepted.add(next);
  return next;
}
