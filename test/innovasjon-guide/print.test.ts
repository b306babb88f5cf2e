import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { EXPECTED_CARDS } from '../content-expectations.js';
import { settled } from '../helpers.js';

interface PrintedPage {
  width: number;
  height: number;
  text: string;
}

/** Prints the test page to PDF as the browser's own print would, and reads each page's text. */
async function printToPdf(guide: InnovasjonGuide): Promise<PrintedPage[]> {
  window.dispatchEvent(new Event('beforeprint'));
  await settled(guide);
  try {
    return await executeServerCommand<PrintedPage[], undefined>('print-pdf');
  } finally {
    window.dispatchEvent(new Event('afterprint'));
  }
}

// How each sheet's first page begins.
const SHEET_STARTS = [
  'Turguide for innovasjon Å sette i gang og drive innovasjonsprosesser',
  'Trinn 1 Legg grunnlaget Før vi starter innovasjonsarbeidet',
  'Trinn 2 Identifiser behov Når vi arbeider med en utfordring',
  'Trinn 3 Utforsk muligheter Med en god forståelse for behov',
  'Trinn 4 Realisere Dere har nådd målet med turen',
  'Oppsummering Trinn 1: Legg grunnlaget',
];
const CREDIT = 'Innhold: KS – Turguide for innovasjon';
// PDF text comes back with spaces where lines wrap and inside ligatures (Firefox: "Identi fi ser"): compare without them.
const bare = (text: string) => text.replace(/\s+/g, '');

describe('print', () => {
  it('prints five worksheets and the summary, each on its own A4 landscape page, with no controls', async function () {
    this.timeout(30_000); // the browser prints six pages to PDF and the server reads them back: 8 s measured on a busy 2-core machine
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="2"></innovasjon-guide>`);
    await settled(guide);
    const pages = await printToPdf(guide);
    expect(pages).to.have.length(6);
    for (const page of pages) {
      expect(page.width).to.be.closeTo(842, 2); // A4 landscape in points
      expect(page.height).to.be.closeTo(595, 2);
    }
    SHEET_STARTS.forEach((start, index) => expect(bare(pages[index].text).startsWith(bare(start)), `page ${index + 1}`).to.be.true);
    pages.forEach((page, index) => expect(bare(page.text), `credit on page ${index + 1}`).to.contain(bare(CREDIT)));
    for (const card of EXPECTED_CARDS) expect(bare(pages[card.step].text)).to.contain(bare(card.question));
    const all = bare(pages.map((page) => page.text).join(' '));
    for (const control of ['Legg til lapp', 'Skriv ut', 'Importer', 'Navnet ditt', 'Rediger', 'Slett', 'Gjenstående tid']) {
      expect(all).not.to.contain(bare(control));
    }
  });

  it('puts every note on its own step’s page, with its colour named, and keeps a full card flowing', async function () {
    this.timeout(30_000); // the browser prints six pages to PDF and the server reads them back: 8 s measured on a busy 2-core machine
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    const notes = EXPECTED_CARDS.map((card, index) =>
      guide.addNote(card.id, `Lapp nummer ${index + 1} fra teamet`, { color: index % 2 ? 'blue' : 'pink', author: 'Kari' }),
    );
    for (let i = 0; i < 24; i++) guide.addNote('t2-forsta', `Mange lapper ${i + 1}: brukerne, de pårørende og de ansatte`);
    guide.addAction({ step: 3, what: 'Test prototypen med ti brukere', who: 'Ali' });
    await settled(guide);
    const pages = await printToPdf(guide);
    const starts = SHEET_STARTS.map((start) => pages.findIndex((page) => bare(page.text).startsWith(bare(start))));
    expect(starts.every((start, i) => i === 0 || start > starts[i - 1]), `sheets in order: ${starts}`).to.be.true;
    const pagesOf = (step: number) => bare(pages.slice(starts[step], starts[step + 1]).map((page) => page.text).join(' '));
    notes.forEach((note, index) => {
      const step = EXPECTED_CARDS[index].step;
      expect(pagesOf(step), `${note.text} on step ${step}`).to.contain(bare(note.text));
      for (const other of [1, 2, 3, 4].filter((each) => each !== step)) expect(pagesOf(other)).not.to.contain(bare(note.text) + 'Kari');
    });
    expect(starts[3] - starts[2], 'step 2 with 26 notes flows onto more pages').to.be.greaterThan(1);
    for (let i = 1; i <= 24; i++) expect(pagesOf(2)).to.contain(bare(`Mange lapper ${i}:`));
    expect(pagesOf(1)).to.contain('rosa').and.to.contain('blå');
    expect(pagesOf(3)).to.contain(bare('Test prototypen med ti brukere'));
  });
});
