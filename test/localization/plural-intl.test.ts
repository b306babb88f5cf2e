// Issue 28: plural forms by the locale's CLDR categories, and numbers and dates
// that follow the locale where the browser has its data, else bokmål (never
// the browser's en-US).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { dateFormat, intlLocale, numberFormat, plural } from '../../src/internal/intl.js';
import { noteCount, voteCount } from '../../src/internal/note-count.js';
import { getLocale, localeFor, setLocale } from '../../src/localization.js';
import { settled } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';

const forms = { one: () => 'one', two: () => 'two', other: () => 'other' };
const SAMI = ['se', 'smj', 'sma'];

describe('plural forms and Intl formats in the active locale', () => {
  afterEach(async () => {
    document.documentElement.lang = 'nb';
    if (getLocale() !== 'nb') await setLocale('nb');
  });

  it('picks the dual («two») for 2 in a locale with one, two and other (the pseudo-locale has Northern Sámi’s rules)', async () => {
    await setLocale('se-x-pseudo');
    expect([0, 1, 2, 3, 22].map((count) => plural(count, forms))).to.deep.equal(['other', 'one', 'two', 'other', 'other']);
    // The catalogue's own forms: the pseudo-locale marks its «two» units with ².
    expect(noteCount(2)).to.match(/^⟦2 .*²⟧$/);
    expect(voteCount(2)).to.match(/²⟧$/);
    expect(noteCount(1)).not.to.contain('²');
    expect(noteCount(5)).not.to.contain('²');
  });

  it('uses one and other in bokmål, nynorsk and English, and «other» for a category a call does not offer', async () => {
    for (const locale of ['nb', 'nn', 'en'] as const) {
      await setLocale(locale);
      expect([0, 1, 2, 3].map((count) => plural(count, forms)), locale).to.deep.equal(['other', 'one', 'other', 'other']);
    }
    // Polish has «few» (2–4): a call without it falls back to «other», as plural() promises.
    expect(new Intl.PluralRules('pl').select(3)).to.equal('few');
    expect(intlLocale(Intl.PluralRules, 'pl')).to.equal('pl');
  });

  it('has Sámi plural rules where the browser has them (Chromium: se, smj, sma; Firefox 153: se only), else bokmål’s', () => {
    for (const tag of SAMI) {
      const supported = Intl.PluralRules.supportedLocalesOf(tag).length > 0;
      expect(intlLocale(Intl.PluralRules, tag), tag).to.equal(supported ? tag : 'nb');
      if (supported) expect(new Intl.PluralRules(tag).select(2), tag).to.equal('two');
    }
  });

  it('formats numbers and dates in bokmål for a locale the browser has no data for, never in en-US', async () => {
    // Neither Chromium nor Firefox has number or date data for Lule Sámi.
    expect(Intl.NumberFormat.supportedLocalesOf('smj')).to.deep.equal([]);
    expect(intlLocale(Intl.NumberFormat, 'smj')).to.equal('nb');
    expect(intlLocale(Intl.DateTimeFormat, 'smj')).to.equal('nb');
    expect(intlLocale(Intl.NumberFormat, 'en')).to.equal('en');
    expect(intlLocale(Intl.NumberFormat, 'not a tag')).to.equal('nb');
    // Chromium has no number or date data for nynorsk either: it used to show «1,200» and «Nov 20, 2026».
    await setLocale('nn');
    const space = (text: string) => text.replace(/\s/g, ' ');
    expect(space(numberFormat().format(1200))).to.equal('1 200');
    expect(dateFormat().format(new Date('2026-11-20T12:00:00'))).to.equal('20. nov. 2026');
    await setLocale('en');
    expect(numberFormat().format(1200)).to.equal('1,200');
  });

  it('shows the nynorsk guide’s counts with bokmål’s digits when the browser lacks nynorsk data', async () => {
    document.documentElement.lang = 'nn';
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage></innovasjon-guide>`);
    await new Promise<void>((resolve) => (getLocale() === 'nn' ? resolve() : window.addEventListener('lit-localize-status', () => getLocale() === 'nn' && resolve())));
    for (let i = 0; i < 1200; i++) guide.addNote('t1-mal', `n${i}`);
    await settled(guide);
    expect(guideHarness(guide).nav.textContent!.replace(/\s/g, ' ')).to.contain('1 200 lappar');
  });

  it('maps a language tag to the longest configured prefix of it', () => {
    expect(['se-x-pseudo', 'SE-x-Pseudo', 'se_x_pseudo'].map(localeFor)).to.deep.equal(['se-x-pseudo', 'se-x-pseudo', 'se-x-pseudo']);
    expect(['se', 'se-NO', 'smj', 'x-pseudo'].map(localeFor)).to.deep.equal(['nb', 'nb', 'nb', 'nb']);
    expect(['nn-NO', 'en-GB-oxendict'].map(localeFor)).to.deep.equal(['nn', 'en']);
  });
});
