import { msg, str } from '@lit/localize';
import { getLocale } from '../localization.js';
import { numberFormat } from './number-format.js';

/** «1 lapp», «12 lapper»: a number of notes, formatted for the page's language. */
export function noteCount(count: number): string {
  const formatted = numberFormat(getLocale()).format(count);
  return count === 1 ? msg(str`${formatted} lapp`) : msg(str`${formatted} lapper`);
}
