import { expect, fixture, html } from '@open-wc/testing';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { getLocale, localeFor, setLocale } from '../../src/localization.js';
import { EXPECTED_CARDS } from '../content-expectations.js';
import { addButtonOf, cardsIn, deepText, settled, waitUntil } from '../helpers.js';
import { romStatusHarness } from '../innovasjon-rom-status/harness.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from '../innovasjon-guide/harness.js';

const HEADINGS: Record<'nn' | 'en', string[]> = {
  nn: [
    'Kva er målet vårt?',
    'Korleis kan vi sikre god forankring?',
    'Korleis kan vi byggje eit godt team?',
    'Korleis kan vi forstå behova?',
    'Kva metodar kan vi bruke?',
    'Korleis kan vi formidle behova?',
    'Kva løysingar finst allereie som vi kan hente inspirasjon frå?',
    'Korleis kan vi teste løysingane?',
    'Korleis kan vi samarbeide om å skape løysingar på utfordringane våre?',
    'Korleis skal vi gå fram for å implementere løysinga?',
    'Korleis kan vi følgje med på om den nye løysinga fungerer, og samle innspel undervegs?',
  ],
  en: [
    'What is our goal?',
    'How can we secure strong organisational anchoring?',
    'How can we build a strong team?',
    'How can we understand the needs?',
    'Which methods can we use?',
    'How can we communicate the needs?',
    'Which existing solutions can we draw inspiration from?',
    'How can we test the solutions?',
    'How can we work together to create solutions to our challenges?',
    'How should we go about implementing the solution?',
    'How can we keep track of whether the new solution is working, and gather input along the way?',
  ],
};
const BOKMAL_HEADINGS = EXPECTED_CARDS.map((card) => card.question);

async function localeReady(locale: string): Promise<void> {
  if (getLocale() === locale) return;
  await new Promise<void>((resolve) => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<{ status: string; readyLocale?: string }>).detail;
      if (detail.status === 'ready' && detail.readyLocale === locale) {
        window.removeEventListener('lit-localize-status', listener);
        resolve();
      }
    };
    window.addEventListener('lit-localize-status', listener);
  });
}

async function headingsOf(guide: InnovasjonGuide): Promise<string[]> {
  const headings: string[] = [];
  for (const step of [1, 2, 3, 4]) {
    guide.step = step;
    await settled(guide);
    headings.push(...cardsIn(guide).map((card) => kortHarness(card).questionAt(3).textContent!.trim()));
  }
  return headings;
}

describe('languages', function () {
  this.timeout(20_000); // renders every step in another language, and axe: up to 11 s measured on a busy 2-core machine
  afterEach(async () => {
    document.documentElement.lang = 'nb';
    if (getLocale() !== 'nb') await setLocale('nb');
  });

  it('maps language tags to the guide’s locales', () => {
    expect(['nb', 'no', 'nb-NO', 'no-NO', 'NB'].map(localeFor)).to.deep.equal(['nb', 'nb', 'nb', 'nb', 'nb']);
    expect(['nn', 'nn-NO'].map(localeFor)).to.deep.equal(['nn', 'nn']);
    expect(['en', 'en-GB', 'en-US'].map(localeFor)).to.deep.equal(['en', 'en', 'en']);
    expect(['de', 'se', '', null, undefined].map(localeFor)).to.deep.equal(['nb', 'nb', 'nb', 'nb', 'nb']);
  });

  for (const locale of ['nn', 'en'] as const) {
    it(`shows every card heading in ${locale}, and no bokmål heading`, async () => {
      document.documentElement.lang = locale === 'nn' ? 'nn-NO' : 'en-GB';
      const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage></innovasjon-guide>`);
      await localeReady(locale);
      await settled(guide);
      const headings = await headingsOf(guide);
      expect(headings).to.deep.equal(HEADINGS[locale]);
      const text = deepText(guide);
      for (const bokmal of BOKMAL_HEADINGS) if (!HEADINGS[locale].includes(bokmal)) expect(text).not.to.contain(bokmal);
      await expect(guide).to.be.accessible();
    });
  }

  it('translates controls too, and switches when <html lang> changes, without a reload', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    await settled(guide);
    const button = () => addButtonOf(cardsIn(guide)[0]).textContent!.replace(/\s+/g, ' ').trim();
    expect(button()).to.equal('+ Legg til lapp');
    document.documentElement.lang = 'en';
    await localeReady('en');
    await settled(guide);
    expect(button()).to.equal('+ Add note');
    expect(deepText(guide)).to.contain('Content: KS – Turguide for innovasjon');
    document.documentElement.lang = 'nn';
    await localeReady('nn');
    await settled(guide);
    expect(kortHarness(cardsIn(guide)[0]).questionAt(3).textContent).to.equal('Kva er målet vårt?');
  });

  it('follows the nearest lang of the element before <html lang>', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="nn"><innovasjon-guide no-storage step="2"></innovasjon-guide></div>`,
    );
    await localeReady('nn');
    const guide = wrapper.querySelector('innovasjon-guide')!;
    await settled(guide);
    expect(kortHarness(cardsIn(guide)[0]).questionAt(3).textContent).to.equal('Korleis kan vi forstå behova?');
  });

  it('falls back to bokmål for a language it does not have', async () => {
    document.documentElement.lang = 'de';
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    await settled(guide);
    expect(getLocale()).to.equal('nb');
    expect(kortHarness(cardsIn(guide)[0]).questionAt(3).textContent).to.equal('Hva er målet vårt?');
  });

  it('formats counts with the active locale', async () => {
    document.documentElement.lang = 'en';
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage></innovasjon-guide>`);
    await localeReady('en');
    for (let i = 0; i < 1200; i++) guide.addNote('t1-mal', `n${i}`);
    await settled(guide);
    expect(guideHarness(guide).nav.textContent).to.contain('1,200 notes');
  });
});

describe('an on-demand feature’s translations', function () {
  this.timeout(20_000);
  afterEach(async () => {
    document.documentElement.lang = 'nb';
    if (getLocale() !== 'nb') await setLocale('nb');
  });

  it('come with the feature’s chunk and follow later changes of language', async () => {
    const { InnovasjonRomStatus } = await import('../../src/features/live.js');
    const { FakeRoom } = await import('../innovasjon-rom-status/fake-room.js');
    const element = await fixture<InstanceType<typeof InnovasjonRomStatus>>(
      html`<innovasjon-rom-status .room=${new FakeRoom().asRoom}></innovasjon-rom-status>`,
    );
    document.documentElement.lang = 'nn';
    await waitUntil(() => romStatusHarness(element).renderedText.includes('Tilkopla'), 'the room status is in nynorsk');
    document.documentElement.lang = 'en';
    await waitUntil(() => romStatusHarness(element).renderedText.includes('Connected'), 'and in English after the language changes');
  });
});
