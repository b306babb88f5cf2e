import { getLocale } from '../localization.js';

/**
 * Numbers, dates and plural forms in the page's language. Each follows the
 * active locale where the browser has its data (`supportedLocalesOf`), else
 * bokmål: never the browser's own default, which is often en-US (Chromium has
 * no number or date data for nn or se, Firefox no plural rules for smj or sma).
 * One formatter per kind and locale: constructing one costs far more than
 * using it, and every note formats its vote count on each render.
 */
type IntlKind = { supportedLocalesOf(locales: string): string[] };
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

/** `locale` when the browser has `kind`'s data for it, else `nb`. */
export function intlLocale(kind: IntlKind, locale: string = getLocale()): string {
  try {
    return kind.supportedLocalesOf(locale).length ? locale : 'nb';
  } catch {
    return 'nb'; // a tag Intl cannot parse
  }
}

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(kind: string, make: () => T): T {
  const key = kind + getLocale();
  let value = made.get(key) as T | undefined;
  if (!value) made.set(key, (value = make()));
  return value;
}

export const numberFormat = (): Intl.NumberFormat => cached('n', () => new Intl.NumberFormat(intlLocale(Intl.NumberFormat)));

/** «20. nov. 2026» in bokmål. */
export const dateFormat = (): Intl.DateTimeFormat =>
  cached('d', () => new Intl.DateTimeFormat(intlLocale(Intl.DateTimeFormat), { dateStyle: 'medium' }));

/**
 * One text per CLDR plural category. Every call offers `one`, `two` (the dual
 * of the Sámi languages) and `other`, each a `msg()` with the id
 * `<name>.<category>`, so every form is in the catalogue: a translator fills
 * the forms their language uses. A category a call does not offer (`zero`,
 * `few`, `many`) takes `other`.
 */
export type PluralForms = Record<'one' | 'two' | 'other', () => string> & Partial<Record<Intl.LDMLPluralRule, () => string>>;

/** The form of `forms` the active locale's plural rules choose for `count`. */
export const plural = (count: number, forms: PluralForms): string =>
  (forms[cached('p', () => new Intl.PluralRules(intlLocale(Intl.PluralRules))).select(count)] ?? forms.other)();
