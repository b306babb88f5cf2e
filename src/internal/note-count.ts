import { msg, str } from '@lit/localize';
import { numberFormat, plural } from './intl.js';

/** «1 lapp», «12 lapper»: a number of notes, formatted for the page's language. */
export function noteCount(count: number): string {
  const n = numberFormat().format(count);
  return plural(count, {
    one: () => msg(str`${n} lapp`, { id: 'notes.one' }),
    two: () => msg(str`${n} lapper`, { id: 'notes.two' }),
    other: () => msg(str`${n} lapper`, { id: 'notes.other' }),
  });
}

/** «1 stemme», «3 stemmer»: dot votes on a note. */
export function voteCount(count: number): string {
  const n = numberFormat().format(count);
  return plural(count, {
    one: () => msg(str`${n} stemme`, { id: 'votes.one' }),
    two: () => msg(str`${n} stemmer`, { id: 'votes.two' }),
    other: () => msg(str`${n} stemmer`, { id: 'votes.other' }),
  });
}
