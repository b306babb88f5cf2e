import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { turguide } from '../../src/content/turguide.js';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { featureLoaders } from '../../src/internal/load-feature.js';
import type { GuideDocument } from '../../src/store/types.js';
import { VERSION_1_DOCUMENT } from '../fixtures/version-1.js';
import { addButtonOf, cardIn, click, deepText, lappsIn, settled, steadyBoxes, uniqueKey, expectFocusOn, openDialogIn, waitUntil, deepActiveElement } from '../helpers.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from './harness.js';
import { harness } from '../refleksjon-lapp/harness.js';

async function makeGuide(template = html`<innovasjon-guide storage-key=${uniqueKey()} step="1"></innovasjon-guide>`) {
  const guide = await fixture<InnovasjonGuide>(template);
  await settled(guide);
  return guide;
}

const participantField = (guide: InnovasjonGuide) => guideHarness(guide).nameField!;

async function setName(guide: InnovasjonGuide, name: string) {
  await click(participantField(guide));
  await sendKeys({ type: name });
  await sendKeys({ press: 'Tab' });
  // Firefox may offer earlier names in a popup (autocomplete="name"): Escape closes it, else it takes the next press.
  await sendKeys({ press: 'Escape' });
  // The name is taken when the field's change event has run (on leaving it).
  await waitUntil(
    () => guide.data.participants.some((participant) => participant.name === name),
    `the name ${name} is taken on leaving the field`,
  );
  await settled(guide);
}

describe('working together', function () {
  this.timeout(15_000); // whole guides, real keys and clicks, and axe: up to 6 s measured on a busy 2-core machine
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  describe('participants', () => {
    it('a name set once signs new notes, is remembered per storage key, and can be left off', async () => {
      const key = uniqueKey();
      const guide = await makeGuide(html`<innovasjon-guide storage-key=${key} step="1"></innovasjon-guide>`);
      await setName(guide, 'Kari');
      // From the keyboard: in Firefox the press could miss the button just after the name field was left.
      addButtonOf(cardIn(guide, 't1-mal')).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
      await sendKeys({ type: 'Signert' });
      const added = oneEvent(guide, 'innovasjon-note-add');
      await sendKeys({ press: 'Enter' });
      expect((await added).detail.note.author).to.equal('Kari');
      await settled(guide);
      expect(harness(lappsIn(cardIn(guide, 't1-mal'))[0]).author!.textContent).to.equal('Kari');
      expect(guide.data.participants.map((p) => p.name)).to.deep.equal(['Kari']);

      const again = await makeGuide(html`<innovasjon-guide storage-key=${key} step="1"></innovasjon-guide>`);
      expect(participantField(again).value).to.equal('Kari');
      const other = await makeGuide(html`<innovasjon-guide storage-key=${uniqueKey()}></innovasjon-guide>`);
      expect(participantField(other).value).to.equal('');

      await click(guideHarness(guide).anonymousCheckbox!);
      await settled(guide);
      await click(addButtonOf(cardIn(guide, 't1-team')));
      await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the second new note takes the keys');
      await sendKeys({ type: 'Uten navn' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => guide.data.notes.some((n) => n.text === 'Uten navn'), 'the second note is saved');
      expect(guide.data.notes.find((n) => n.text === 'Uten navn')!.author).to.equal('');
    });
  });

  describe('dot voting', () => {
    it('votes and unvotes in the note’s menu when the team is not voting, with an event carrying who and how many', async function () {
      this.timeout(15000); // axe on a whole guide
      const guide = await makeGuide();
      await setName(guide, 'Ola');
      const note = guide.addNote('t1-mal', 'Viktig');
      await settled(guide);
      const lapp = () => harness(lappsIn(cardIn(guide, 't1-mal'))[0]);
      expect(lapp().voteButton === null, 'no vote button while not voting').to.be.true;
      const voted = oneEvent(guide, 'innovasjon-vote');
      await lapp().choose('Stem');
      const { detail } = await voted;
      expect(detail).to.deep.include({ noteId: note.id, votes: 1, voted: true });
      expect(detail.participant.name).to.equal('Ola');
      await settled(guide);
      expect(lapp().votes!.textContent).to.contain('1 stemme');
      await lapp().openMenu();
      expect(lapp().item('Stem').getAttribute('aria-checked')).to.equal('true');
      const unvoted = oneEvent(guide, 'innovasjon-vote');
      await click(lapp().item('Stem'));
      expect((await unvoted).detail).to.deep.include({ votes: 0, voted: false });
      await settled(guide);
      expect(lapp().votes === null, 'no count at zero').to.be.true;
      await expect(guide).to.be.accessible();
    });

    it('with votes-per-person, every note shows a one-click vote button that names the note and the count', async function () {
      this.timeout(15000); // axe on a whole guide
      const guide = await makeGuide(
        html`<innovasjon-guide storage-key=${uniqueKey()} step="1" votes-per-person="3"></innovasjon-guide>`,
      );
      guide.addNote('t1-mal', 'Viktig');
      guide.addNote('t1-team', 'Også viktig');
      await settled(guide);
      const vote = () => harness(lappsIn(cardIn(guide, 't1-mal'))[0]).voteButton!;
      expect(harness(lappsIn(cardIn(guide, 't1-team'))[0]).voteButton === null, 'every note has one').to.be.false;
      expect(vote().getAttribute('aria-label')).to.equal('Stem på «Viktig», 0 stemmer');
      const voted = oneEvent(guide, 'innovasjon-vote');
      await click(vote());
      expect((await voted).detail).to.deep.include({ votes: 1, voted: true });
      await settled(guide);
      expect(vote().getAttribute('aria-pressed')).to.equal('true');
      expect(vote().getAttribute('aria-label')).to.equal('Stem på «Viktig», 1 stemme');
      await harness(lappsIn(cardIn(guide, 't1-mal'))[0]).openMenu();
      expect(harness(lappsIn(cardIn(guide, 't1-mal'))[0]).itemNames).not.to.include('Stem');
      await sendKeys({ press: 'Escape' });
      const unvoted = oneEvent(guide, 'innovasjon-vote');
      await click(vote());
      expect((await unvoted).detail).to.deep.include({ votes: 0, voted: false });
      await expect(guide).to.be.accessible();
    });

    it('stops at votes-per-person on a step and says why', async () => {
      const guide = await makeGuide(
        html`<innovasjon-guide storage-key=${uniqueKey()} step="2" votes-per-person="1"></innovasjon-guide>`,
      );
      guide.addNote('t2-forsta', 'En');
      guide.addNote('t2-forsta', 'To');
      await settled(guide);
      const [first, second] = lappsIn(cardIn(guide, 't2-forsta'));
      await click(harness(first).voteButton!);
      await settled(guide);
      const blocked = harness(second).voteButton!;
      expect(blocked.getAttribute('aria-disabled')).to.equal('true');
      expect(harness(second).descriptionOf(blocked).textContent).to.contain('brukt alle stemmene');
      await click(blocked);
      await settled(guide);
      expect(guide.data.notes.map((n) => n.votes.length)).to.deep.equal([1, 0]);
      expect(deepText(guide)).to.contain('Du har brukt 1 av 1 stemme på dette trinnet.');
      await expect(guide).to.be.accessible();
    });

    it('a card can show its notes sorted by votes without changing their saved order', async () => {
      const guide = await makeGuide();
      const id = 'p1';
      const a = guide.addNote('t1-mal', 'Lite');
      const b = guide.addNote('t1-mal', 'Mye');
      guide.data = {
        ...guide.data,
        notes: guide.data.notes.map((n) => (n.id === b.id ? { ...n, votes: [id, 'p2'] } : n)),
      } as GuideDocument;
      await settled(guide);
      const card = cardIn(guide, 't1-mal');
      await click(kortHarness(card).sortButton);
      await settled(guide);
      expect(lappsIn(card).map((l) => l.text)).to.deep.equal(['Mye', 'Lite']);
      expect(guide.data.notes.map((n) => n.id)).to.deep.equal([a.id, b.id]);
    });
  });

  describe('moving notes', () => {
    before(() => setViewport({ width: 1280, height: 1000 }));
    after(() => setViewport({ width: 800, height: 600 }));
    it('moves a note to a card on another step with the keyboard only, and focus comes back', async () => {
      const guide = await makeGuide();
      const note = guide.addNote('t1-mal', 'Flytt meg');
      await settled(guide);
      const card = cardIn(guide, 't1-mal');
      await harness(lappsIn(card)[0]).openMenu('Enter');
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'Enter' });
      await openDialogIn(card);
      await expect(card).to.be.accessible();
      const radio = kortHarness(card).moveTarget('t3-teste');
      radio.focus();
      await sendKeys({ press: ' ' });
      expect(radio.checked).to.be.true;
      const changed = oneEvent(guide, 'innovasjon-note-change');
      const submit = kortHarness(card).moveSubmitButton;
      submit.focus();
      await sendKeys({ press: 'Enter' });
      const { detail } = await changed;
      expect(detail.previous.cardId).to.equal('t1-mal');
      expect(detail.note).to.include({ id: note.id, cardId: 't3-teste' });
      await settled(guide);
      expect(lappsIn(card)).to.have.length(0);
      expectFocusOn(addButtonOf(card));
    });

    it('reorders within a card from the dialog; Escape closes it and returns focus', async () => {
      const guide = await makeGuide();
      guide.addNote('t1-team', 'Først');
      const second = guide.addNote('t1-team', 'Andre');
      await settled(guide);
      const card = cardIn(guide, 't1-team');
      const secondLapp = harness(lappsIn(card)[1]);
      await secondLapp.choose('Flytt');
      await openDialogIn(card);
      await sendKeys({ press: 'Escape' });
      await settled(guide);
      expect(kortHarness(card).dialog === null, 'absent: dialog').to.be.true;
      expectFocusOn(secondLapp.menuButton);

      await secondLapp.choose('Flytt');
      await openDialogIn(card);
      const select = kortHarness(card).moveSelect;
      select.value = '0';
      await click(kortHarness(card).moveSubmitButton);
      await settled(guide);
      expect(lappsIn(card).map((l) => l.text)).to.deep.equal(['Andre', 'Først']);
      expect(guide.data.notes.map((n) => n.id)[0]).to.equal(second.id);
    });

    it('drags a note to another card with the mouse', async () => {
      const guide = await makeGuide();
      const note = guide.addNote('t1-mal', 'Dra meg');
      guide.addNote('t1-team', 'Ligger her');
      await settled(guide);
      const handle = harness(lappsIn(cardIn(guide, 't1-mal'))[0]).handle;
      window.scrollTo(0, 0);
      const [from, target] = await steadyBoxes([handle, lappsIn(cardIn(guide, 't1-team'))[0]], () => guide.scrollIntoView({ block: 'start' }));
      const changed = oneEvent(guide, 'innovasjon-note-change');
      await sendMouse({ type: 'move', position: [Math.round(from.x + from.width / 2), Math.round(from.y + from.height / 2)] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [Math.round(from.x + 30), Math.round(from.y + 20)] });
      await sendMouse({ type: 'move', position: [Math.round(target.x + target.width / 2), Math.round(target.y + 5)] });
      await sendMouse({ type: 'up' });
      await resetMouse();
      const { detail } = await changed;
      expect(detail.note).to.include({ id: note.id, cardId: 't1-team' });
      await settled(guide);
      expect(lappsIn(cardIn(guide, 't1-team')).map((l) => l.text)).to.deep.equal(['Dra meg', 'Ligger her']);
    });

    it('a drag made before its code arrives lands where the pointer was released', async () => {
      const original = featureLoaders.drag;
      let arrive!: () => void;
      const gate = new Promise<void>((resolve) => (arrive = resolve));
      featureLoaders.drag = async () => {
        await gate; // a slow network: the whole gesture is over before the code is here
        return original();
      };
      try {
        const guide = await makeGuide();
        const note = guide.addNote('t1-mal', 'Rask hånd');
        guide.addNote('t1-team', 'Ligger her');
        await settled(guide);
        const handle = harness(lappsIn(cardIn(guide, 't1-mal'))[0]).handle;
        window.scrollTo(0, 0);
        const [from, target] = await steadyBoxes([handle, lappsIn(cardIn(guide, 't1-team'))[0]], () => guide.scrollIntoView({ block: 'start' }));
        const changed = oneEvent(guide, 'innovasjon-note-change');
        await sendMouse({ type: 'move', position: [Math.round(from.x + from.width / 2), Math.round(from.y + from.height / 2)] });
        await sendMouse({ type: 'down' });
        await sendMouse({ type: 'move', position: [Math.round(target.x + target.width / 2), Math.round(target.y + 5)] });
        await sendMouse({ type: 'up' });
        await resetMouse(); // the pointer wanders off after the release
        expect(guide.data.notes.find((each) => each.id === note.id)?.cardId, 'nothing moved before the code is here').to.equal('t1-mal');
        arrive();
        const { detail } = await changed;
        expect(detail.note).to.include({ id: note.id, cardId: 't1-team' });
      } finally {
        featureLoaders.drag = original;
      }
    });

    it('a drag cancelled with Escape changes nothing', async () => {
      const guide = await makeGuide();
      guide.addNote('t1-mal', 'Blir');
      await settled(guide);
      const before = guide.data;
      const handle = harness(lappsIn(cardIn(guide, 't1-mal'))[0]).handle;
      const [from, target] = await steadyBoxes([handle, addButtonOf(cardIn(guide, 't1-team'))], () => guide.scrollIntoView({ block: 'start' }));
      await sendMouse({ type: 'move', position: [Math.round(from.x + 5), Math.round(from.y + 5)] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [Math.round(target.x + 5), Math.round(target.y - 20)] });
      await sendKeys({ press: 'Escape' });
      await sendMouse({ type: 'up' });
      await resetMouse();
      await settled(guide);
      expect(guide.data).to.deep.equal(before);
    });
  });

  describe('own content and old documents', () => {
    it('shows a kommune’s own content, validates it, and keeps notes of removed cards as unplaced', async () => {
      const guide = await makeGuide();
      guide.addNote('t1-team', 'Teamet vårt');
      guide.addNote('t1-mal', '<b>Målet</b>');
      const own = {
        introduction: { ...turguide.introduction, title: 'Vår egen guide' },
        steps: [
          {
            number: 1,
            title: 'Kom i gang',
            intro: 'Vår egen innledning.',
            cards: [{ id: 't1-mal', question: 'Hva vil vi oppnå i Eksempel kommune?', prompts: ['<img src=x onerror=alert(1)>'] }],
          },
        ],
      };
      expect(() => (guide.content = { steps: [] } as never)).to.throw(TypeError);
      guide.content = own as never;
      await settled(guide);
      expect(deepText(guide)).to.contain('Hva vil vi oppnå i Eksempel kommune?');
      expect(deepText(guide)).to.contain('<img src=x onerror=alert(1)>');
      const unplaced = guideHarness(guide).unplacedCard! as ReturnType<typeof cardIn>;
      await settled(guide);
      expect(lappsIn(unplaced).map((l) => l.text)).to.deep.equal(['Teamet vårt']);
      expect(guide.data.notes).to.have.length(2);
      await expect(guide).to.be.accessible();
    });

    it('loads a stored version-1 document and upgrades it without loss', async () => {
      const key = uniqueKey();
      localStorage.setItem(key, JSON.stringify(VERSION_1_DOCUMENT));
      const guide = await makeGuide(html`<innovasjon-guide storage-key=${key} step="1"></innovasjon-guide>`);
      const data = guide.data;
      expect(data.version).to.equal(2);
      expect(data.notes.map(({ votes, ...rest }) => rest)).to.deep.equal(VERSION_1_DOCUMENT.notes);
      expect(data.notes.every((n) => n.votes.length === 0)).to.be.true;
      expect(data).to.include.keys('actions', 'participants', 'deleted');
      expect(lappsIn(cardIn(guide, 't1-mal')).map((l) => l.author)).to.deep.equal(['Kari']);
      expect(localStorage.getItem(key)).to.equal(JSON.stringify(VERSION_1_DOCUMENT), 'not rewritten until a change');
    });
  });
});
