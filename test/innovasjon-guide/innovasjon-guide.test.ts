import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import type { GuideDocument } from '../../src/store/types.js';
import { EXPECTED_CARDS, STEP_TITLES } from '../content-expectations.js';
import { addButtonOf, cardIn, cardsIn, click, deepActiveElement, deepText, lappsIn, settled, uniqueKey, expectFocusOn, waitUntil } from '../helpers.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from './harness.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { aBrokenImageHasFailed } from '../waits.js';

async function makeGuide(attributes: { key?: string; step?: number; readonly?: boolean; noStorage?: boolean } = {}) {
  const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide
    storage-key=${attributes.key ?? uniqueKey()}
    step=${attributes.step ?? 0}
    ?readonly=${attributes.readonly}
    ?no-storage=${attributes.noStorage}
  ></innovasjon-guide>`);
  await settled(guide);
  return guide;
}

/** Adds a note as a person does: the add button, typing, Enter. */
async function typeNote(guide: InnovasjonGuide, cardId: string, text: string) {
  const card = cardIn(guide, cardId);
  await click(addButtonOf(card));
  await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  await settled(guide);
  return card;
}

const sheetHeading = (guide: InnovasjonGuide) => guideHarness(guide).sheetHeading;

describe('<innovasjon-guide>', function () {
  // A whole guide per test, driven by real clicks and keys, some with axe: up to 8 s measured on a busy 2-core machine.
  this.timeout(15_000);
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  describe('accessibility', () => {
    it('passes axe on the introduction', async () => {
      await expect(await makeGuide()).to.be.accessible();
    });

    it('passes axe on a step with notes, and while a note is being written', async () => {
      const guide = await makeGuide({ step: 1 });
      guide.addNote('t1-mal', 'Kortere ventetid', { author: 'Kari' });
      guide.addNote('t1-team', 'Tverrfaglig team', { color: 'blue' });
      await settled(guide);
      await expect(guide).to.be.accessible();
      await click(addButtonOf(cardIn(guide, 't1-forankring')));
      await settled(guide);
      await expect(guide).to.be.accessible();
    });

    it('passes axe when read-only and when a storage message is shown', async () => {
      const key = uniqueKey();
      localStorage.setItem(key, 'not json at all');
      const guide = await makeGuide({ key, step: 2, readonly: true });
      expect(guideHarness(guide).message).to.exist;
      await expect(guide).to.be.accessible();
    });
  });

  describe('defaults and attributes', () => {
    it('starts on the introduction with the default storage key', async () => {
      const guide = document.createElement('innovasjon-guide');
      expect(guide.step).to.equal(0);
      expect(guide.storageKey).to.equal('innovasjon-guide');
      expect(guide.readonly).to.be.false;
      expect(guide.noStorage).to.be.false;
    });

    it('reflects step and clamps a value out of range to the introduction', async () => {
      const guide = await makeGuide({ step: 3 });
      expect(guide.getAttribute('step')).to.equal('3');
      guide.setAttribute('step', '9');
      await settled(guide);
      expect(guide.step).to.equal(0);
      expect(guide.getAttribute('step')).to.equal('0');
    });
  });

  describe('content', () => {
    it('shows the introduction, its three instructions and the credit to KS', async () => {
      const guide = await makeGuide();
      const text = deepText(guide);
      expect(text).to.contain('Å sette i gang og drive innovasjonsprosesser kan oppfattes som overveldende.');
      expect(text).to.contain('Riktig god tur!');
      expect(guideHarness(guide).introductionSteps).to.have.length(3);
      expect(text).to.contain('Innhold: KS – Turguide for innovasjon');
    });

    it('shows every heading question, explanation and sub-question on its step, and never the print template', async () => {
      const guide = await makeGuide();
      for (const number of [1, 2, 3, 4]) {
        guide.step = number;
        await settled(guide);
        const cards = cardsIn(guide);
        const expected = EXPECTED_CARDS.filter((card) => card.step === number);
        expect(cards.map((card) => card.card!.id)).to.deep.equal(expected.map((card) => card.id));
        for (const [index, card] of cards.entries()) {
          const want = expected[index];
          expect(kortHarness(card).questionAt(3).textContent!.trim()).to.equal(want.question);
          const prompts = kortHarness(card).prompts;
          expect(prompts).to.deep.equal(want.prompts);
          const explanation = kortHarness(card).explanation;
          expect(explanation).to.equal(want.explanation);
        }
        const text = deepText(guide);
        expect(text).to.contain(STEP_TITLES[number - 1]);
        expect(text).not.to.match(/Prompt 1 goes here|Body text and additional information/);
      }
    });
  });

  describe('navigation', () => {
    it('lists every step with its title, note count and progress', async () => {
      const guide = await makeGuide();
      guide.addNote('t2-forsta', 'Brukerne');
      guide.addNote('t2-metoder', 'Intervju');
      guide.addNote('t3-teste', 'Prototype');
      guide.addAction({ step: 3, what: 'Lag en prototype' });
      guide.addAction({ step: 3, what: 'Ferdig allerede', done: true });
      await settled(guide);
      const buttons = guideHarness(guide).stepTexts;
      expect(buttons).to.deep.equal([
        'Introduksjon',
        'Trinn 1 Legg grunnlaget 0 lapper 0 av 3 kort besvart',
        'Trinn 2 Identifiser behov 2 lapper 2 av 3 kort besvart',
        'Trinn 3 Utforsk muligheter 1 lapp 1 av 3 kort besvart, 1 åpen oppfølging',
        'Trinn 4 Realisere 0 lapper 0 av 2 kort besvart',
        'Oppsummering 1 åpen oppfølging',
      ]);
    });

    it('moves to a step on click, says so with an event and puts focus on the sheet heading', async () => {
      const guide = await makeGuide();
      const [, , second] = guideHarness(guide).stepButtons;
      const changed = oneEvent(guide, 'innovasjon-step-change');
      await click(second);
      const { detail } = await changed;
      expect(detail).to.deep.equal({ step: 2, previous: 0 });
      await settled(guide);
      expect(guide.step).to.equal(2);
      expect(second.getAttribute('aria-current')).to.equal('step');
      expectFocusOn(sheetHeading(guide));
      expect(sheetHeading(guide).textContent).to.contain('Identifiser behov');
    });

    it('the next and previous buttons walk through the sheets', async () => {
      const guide = await makeGuide();
      await click(guideHarness(guide).nextButton);
      await settled(guide);
      expect(guide.step).to.equal(1);
      await click(guideHarness(guide).nextButton);
      await click(guideHarness(guide).previousButton);
      await settled(guide);
      expect(guide.step).to.equal(1);
    });

    it('sends no step event when the host sets the step', async () => {
      const guide = await makeGuide();
      let heard = 0;
      guide.addEventListener('innovasjon-step-change', () => heard++);
      guide.step = 3;
      await settled(guide);
      expect(heard).to.equal(0);
    });
  });

  describe('notes by pointer and keyboard', () => {
    it('adds a note: focus lands in the new note, Enter saves, events carry the note', async () => {
      const guide = await makeGuide({ step: 1 });
      const card = cardIn(guide, 't1-mal');
      await click(addButtonOf(card));
      await settled(guide);
      expect(deepActiveElement()?.localName).to.equal('textarea');
      await sendKeys({ type: 'Kortere ventetid' });
      const added = oneEvent(document, 'innovasjon-note-add');
      const changed = oneEvent(document, 'innovasjon-change');
      await sendKeys({ press: 'Enter' });
      const { detail } = await added;
      expect(detail.note).to.include({ cardId: 't1-mal', text: 'Kortere ventetid', color: 'yellow', author: '' });
      expect(detail.note.id).to.be.a('string').and.not.be.empty;
      expect(Date.parse(detail.note.createdAt)).to.be.closeTo(Date.now(), 10_000);
      expect((await changed).detail.data.notes).to.deep.equal([detail.note]);
      expect(JSON.parse(JSON.stringify(detail))).to.deep.equal(detail);
      await settled(guide);
      expect(lappsIn(card).map((lapp) => lapp.text)).to.deep.equal(['Kortere ventetid']);
      expect(deepActiveElement()?.closest('.note') ?? deepActiveElement()?.localName).to.exist;
    });

    it('Shift+Enter makes a new line; Escape on a new note drops it without an event', async () => {
      const guide = await makeGuide({ step: 1 });
      const card = cardIn(guide, 't1-mal');
      let added = 0;
      guide.addEventListener('innovasjon-note-add', () => added++);
      await click(addButtonOf(card));
      await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
      await sendKeys({ type: 'Første' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ type: 'andre' });
      await sendKeys({ press: 'Escape' });
      await settled(guide);
      expect(added).to.equal(0);
      expect(lappsIn(card)).to.have.length(0);
      expectFocusOn(addButtonOf(card));

      await click(addButtonOf(card));

      await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
      await sendKeys({ type: 'Første' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ type: 'andre' });
      await sendKeys({ press: 'Enter' });
      await settled(guide);
      expect(guide.data.notes.map((note) => note.text)).to.deep.equal(['Første\nandre']);
    });

    it('edits a note with Enter, and Escape cancels an edit', async () => {
      const guide = await makeGuide({ step: 1 });
      const note = guide.addNote('t1-team', 'Utkast');
      await settled(guide);
      const [lapp] = lappsIn(cardIn(guide, 't1-team'));
      await click(harness(lapp).textButton);
      await lapp.updateComplete;
      expect(deepActiveElement()?.localName).to.equal('textarea');
      await sendKeys({ type: ' med endring' });
      const changed = oneEvent(guide, 'innovasjon-note-change');
      await sendKeys({ press: 'Enter' });
      const { detail } = await changed;
      expect(detail.previous.text).to.equal('Utkast');
      expect(detail.note).to.include({ id: note.id, text: 'Utkast med endring' });
      await settled(guide);

      let heard = 0;
      guide.addEventListener('innovasjon-note-change', () => heard++);
      harness(lapp).textButton.focus();
      await sendKeys({ press: 'Enter' });
      await lapp.updateComplete;
      await sendKeys({ type: ' som angres' });
      await sendKeys({ press: 'Escape' });
      await settled(guide);
      expect(heard).to.equal(0);
      expect(harness(lapp).textElement.textContent).to.equal('Utkast med endring');
      expect(guide.data.notes[0].text).to.equal('Utkast med endring');
      expectFocusOn(harness(lapp).textButton);
    });

    it('changes a note colour from the keyboard, in the note’s menu', async () => {
      const guide = await makeGuide({ step: 1 });
      guide.addNote('t1-mal', 'Farget');
      await settled(guide);
      const [lapp] = lappsIn(cardIn(guide, 't1-mal'));
      await harness(lapp).openMenu('Enter');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      const changed = oneEvent(guide, 'innovasjon-note-change');
      await sendKeys({ press: 'Enter' });
      const { detail } = await changed;
      expect(detail.previous.color).to.equal('yellow');
      expect(detail.note.color).to.equal('pink');
      await settled(guide);
      expect(lapp.getAttribute('color')).to.equal('pink');
      expect(harness(lapp).note.getAttribute('aria-label')).to.contain('rosa');
      expectFocusOn(harness(lapp).menuButton);
    });

    it('deletes a note by click; focus moves to the next note, then to the add button', async () => {
      const guide = await makeGuide({ step: 3 });
      const first = guide.addNote('t3-teste', 'En');
      guide.addNote('t3-teste', 'To');
      await settled(guide);
      const card = cardIn(guide, 't3-teste');
      const removed = oneEvent(guide, 'innovasjon-note-remove');
      await harness(lappsIn(card)[0]).choose('Slett');
      expect((await removed).detail.note).to.deep.equal(first);
      await settled(guide);
      expect(lappsIn(card).map((lapp) => lapp.text)).to.deep.equal(['To']);
      expectFocusOn(harness(lappsIn(card)[0]).textButton);
      await harness(lappsIn(card)[0]).choose('Slett');
      await settled(guide);
      expect(lappsIn(card)).to.have.length(0);
      expectFocusOn(addButtonOf(card));
      expect(guide.data.notes).to.deep.equal([]);
    });
  });

  describe('persistence', () => {
    it('restores the notes of all eleven cards after a reload', async () => {
      const key = uniqueKey();
      const guide = await makeGuide({ key, step: 1 });
      await typeNote(guide, 't1-mal', 'Skrevet for hånd');
      for (const card of EXPECTED_CARDS) guide.addNote(card.id, `Svar på ${card.id}`);
      const before = guide.data;
      fixtureCleanup(); // the page goes away: unsaved work is flushed
      expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal(before);

      const reloaded = await makeGuide({ key });
      expect(reloaded.data).to.deep.equal(before);
      for (const number of [1, 2, 3, 4]) {
        reloaded.step = number;
        await settled(reloaded);
        for (const card of cardsIn(reloaded)) {
          const texts = lappsIn(card).map((lapp) => lapp.text);
          expect(texts).to.include(`Svar på ${card.card!.id}`);
        }
        if (number === 1) expect(deepText(reloaded)).to.contain('Skrevet for hånd');
      }
    });

    it('saves soon after a change without a reload', async () => {
      const key = uniqueKey();
      const guide = await makeGuide({ key, step: 1 });
      await typeNote(guide, 't1-mal', 'Lagres snart');
      const savedText = () => JSON.parse(localStorage.getItem(key) ?? '{"notes":[]}').notes[0]?.text;
      await waitUntil(() => savedText() === 'Lagres snart', 'the note is saved', { timeout: 5000 });
    });

    it('keeps two storage keys apart', async () => {
      const [a, b] = [uniqueKey(), uniqueKey()];
      const first = await makeGuide({ key: a });
      const second = await makeGuide({ key: b });
      first.addNote('t1-mal', 'Bare i A');
      await settled(first);
      expect(second.data.notes).to.deep.equal([]);
      fixtureCleanup();
      expect(localStorage.getItem(b)).to.equal(null);
      expect((await makeGuide({ key: b })).data.notes).to.deep.equal([]);
      expect((await makeGuide({ key: a })).data.notes.map((n) => n.text)).to.deep.equal(['Bare i A']);
    });

    it('shows and edits the same notes as a step on the same key on the page', async () => {
      const key = uniqueKey();
      const guide = await makeGuide({ key, step: 2 });
      const trinn = await fixture<InnovasjonTrinn>(html`<innovasjon-trinn number="2" storage-key=${key}></innovasjon-trinn>`);
      await settled(trinn);
      let heard = 0;
      document.addEventListener('innovasjon-note-add', () => heard++, { once: false });
      await typeNote(guide, 't2-metoder', 'Fra guiden');
      await settled(trinn);
      expect(lappsIn(cardIn(trinn, 't2-metoder')).map((l) => l.text)).to.deep.equal(['Fra guiden']);
      expect(heard, 'one event per change on the page').to.equal(1);
    });

    it('shows a note saved in another tab without a reload', async () => {
      const key = uniqueKey();
      const guide = await makeGuide({ key, step: 4 });
      const other: GuideDocument = {
        format: 'innovasjon-guide',
        version: 2,
        notes: [
          {
            id: 'fra-annen-fane',
            cardId: 't4-folge-med',
            text: 'Skrevet i en annen fane',
            color: 'green',
            author: 'Per',
            votes: [],
            createdAt: '2026-11-26T10:00:00.000Z',
            updatedAt: '2026-11-26T10:00:00.000Z',
          },
        ],
        actions: [],
        participants: [],
        deleted: [],
      };
      const added = oneEvent(guide, 'innovasjon-note-add');
      window.dispatchEvent(new StorageEvent('storage', { key, newValue: JSON.stringify(other) }));
      expect((await added).detail.note.id).to.equal('fra-annen-fane');
      await settled(guide);
      expect(lappsIn(cardIn(guide, 't4-folge-med')).map((l) => l.text)).to.deep.equal(['Skrevet i en annen fane']);
    });
  });

  describe('bad storage', () => {
    it('keeps unreadable stored text under a backup key, says so once, and starts empty', async () => {
      const key = uniqueKey();
      localStorage.setItem(key, '{"format": "innovasjon-guide", "notes": [oops');
      const errors: { code: string }[] = [];
      document.addEventListener('innovasjon-error', (event) => errors.push(event.detail));
      const guide = await makeGuide({ key, step: 1 });
      await waitUntil(() => errors.length > 0, 'the unreadable text is reported');
      expect(errors.map((e) => e.code)).to.deep.equal(['storage-corrupt']);
      expect(guide.data.notes).to.deep.equal([]);
      expect(guideHarness(guide).message!.textContent).to.contain('kunne ikke leses');
      const backups = Object.keys(localStorage).filter((k) => k.startsWith(`${key}:backup:`));
      expect(backups).to.have.length(1);
      expect(localStorage.getItem(backups[0])).to.equal('{"format": "innovasjon-guide", "notes": [oops');
      for (const k of backups) localStorage.removeItem(k);
    });

    it('keeps working in memory when saving throws, and says so once', async () => {
      const key = uniqueKey();
      const original = Storage.prototype.setItem;
      let tries = 0;
      Storage.prototype.setItem = function () {
        tries++;
        throw new DOMException('full', 'QuotaExceededError');
      };
      try {
        const guide = await makeGuide({ key, step: 1 });
        const errors: string[] = [];
        guide.addEventListener('innovasjon-error', (event) => errors.push(event.detail.code));
        await typeNote(guide, 't1-mal', 'Første');
        guideHarness(guide).sheet; // the sheet is still there
        await waitUntil(() => tries === 1, 'a save is tried', { timeout: 5000 });
        await typeNote(guide, 't1-mal', 'Andre');
        await waitUntil(() => tries === 2, 'a second save is tried', { timeout: 5000 });
        expect(errors).to.deep.equal(['storage-quota']);
        expect(lappsIn(cardIn(guide, 't1-mal')).map((l) => l.text)).to.deep.equal(['Første', 'Andre']);
        expect(guideHarness(guide).message!.textContent).to.contain('lagringsplass');
        await click(guideHarness(guide).messageButton);
        await settled(guide);
        expect(guideHarness(guide).message === null, 'absent: .message').to.be.true;
      } finally {
        Storage.prototype.setItem = original;
      }
    });
  });

  describe('hostile text', () => {
    it('shows note text full of HTML as text and runs none of it', async () => {
      const guide = await makeGuide({ step: 1 });
      const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>fet</b>';
      await typeNote(guide, 't1-mal', payload);
      await aBrokenImageHasFailed();
      const [lapp] = lappsIn(cardIn(guide, 't1-mal'));
      expect(harness(lapp).textElement.textContent).to.equal(payload);
      expect(harness(lapp).renders('img, script, b'), 'absent: img, script, b').to.be.false;
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });

  describe('readonly and no-storage', () => {
    it('readonly shows notes with no control to change them', async () => {
      const guide = await makeGuide({ step: 1, readonly: true });
      guide.addNote('t1-mal', 'Kan leses');
      await settled(guide);
      const card = cardIn(guide, 't1-mal');
      expect(kortHarness(card).addButton === null, 'absent: button.add').to.be.true;
      const [lapp] = lappsIn(card);
      expect(lapp.readonly).to.be.true;
      expect(harness(lapp).renders('button, select, textarea'), 'absent: button, select, textarea').to.be.false;
      expect(harness(lapp).textElement.textContent).to.equal('Kan leses');
    });

    it('no-storage keeps notes in memory, still tells the host, and data round-trips', async () => {
      const key = uniqueKey();
      const guide = await makeGuide({ key, step: 1, noStorage: true });
      const witnessKey = uniqueKey();
      const witness = await makeGuide({ key: witnessKey, step: 1 });
      const heard = oneEvent(guide, 'innovasjon-change');
      await typeNote(guide, 't1-mal', 'Bare i minnet');
      witness.addNote('t1-mal', 'Lagres');
      const { detail } = await heard;
      // A guide with storage, changed just after, has saved: a save would have come by now.
      await waitUntil(() => localStorage.getItem(witnessKey) !== null, 'the guide with storage saves', { timeout: 5000 });
      expect(localStorage.getItem(key)).to.equal(null);
      const second = await makeGuide({ key, step: 1, noStorage: true });
      expect(second.data.notes).to.deep.equal([]);
      second.data = detail.data;
      await settled(second);
      expect(lappsIn(cardIn(second, 't1-mal')).map((l) => l.text)).to.deep.equal(['Bare i minnet']);
    });
  });

  describe('JavaScript API', () => {
    it('data returns a copy; a bad value throws a TypeError naming the problem and changes nothing', async () => {
      const guide = await makeGuide({ noStorage: true });
      guide.addNote('t1-mal', 'Behold meg');
      const copy = guide.data as unknown as { notes: unknown[] };
      copy.notes.length = 0;
      expect(guide.data.notes).to.have.length(1);
      expect(() => {
        guide.data = { format: 'innovasjon-guide', version: 1, notes: [{ id: 'x' }] } as unknown as GuideDocument;
      }).to.throw(TypeError, /notes\[0\]\.cardId/);
      expect(() => {
        guide.data = { format: 'noe-annet' } as unknown as GuideDocument;
      }).to.throw(TypeError, /format/);
      expect(guide.data.notes.map((n) => n.text)).to.deep.equal(['Behold meg']);
    });

    it('addNote, updateNote and removeNote change the document and announce it', async () => {
      const guide = await makeGuide({ step: 1 });
      const events: string[] = [];
      for (const type of ['innovasjon-note-add', 'innovasjon-note-change', 'innovasjon-note-remove'] as const) {
        guide.addEventListener(type, () => events.push(type));
      }
      const note = guide.addNote('t1-forankring', 'API', { color: 'orange', author: 'Ola' });
      expect(note).to.include({ cardId: 't1-forankring', text: 'API', color: 'orange', author: 'Ola' });
      expect(guide.updateNote(note.id, { text: 'API endret' }).text).to.equal('API endret');
      await settled(guide);
      expect(lappsIn(cardIn(guide, 't1-forankring'))[0].text).to.equal('API endret');
      expect(lappsIn(cardIn(guide, 't1-forankring'))[0].author).to.equal('Ola');
      guide.removeNote(note.id);
      expect(events).to.deep.equal(['innovasjon-note-add', 'innovasjon-note-change', 'innovasjon-note-remove']);
      expect(() => guide.addNote('finnes-ikke', 'x')).to.throw(TypeError, /cardId/);
      expect(() => guide.removeNote('finnes-ikke')).to.throw(RangeError);
    });
  });
});
