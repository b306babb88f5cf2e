import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { cardIn, cardsIn, expectFocusOn, lappsIn, settled, deepQueryAll } from '../helpers.js';
import { trinnHarness } from '../innovasjon-trinn/harness.js';
import { harness, menusIn, openPopups } from './harness.js';

async function makeBoard(notes = 12, votesPerPerson = 0) {
  const trinn = await fixture<InnovasjonTrinn>(
    html`<innovasjon-trinn no-storage number="1" votes-per-person=${votesPerPerson}></innovasjon-trinn>`,
  );
  const cards = ['t1-mal', 't1-forankring', 't1-team'];
  for (let i = 0; i < notes; i++) trinn.addNote(cards[i % cards.length], `Lapp nummer ${i + 1}`);
  await settled(trinn);
  return trinn;
}

const allLapps = (root: Element) => cardsIn(root).flatMap(lappsIn);

/** A control's accessible name as the buttons here give it: aria-label, else the text. */
const nameOf = (element: Element) => (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the note menu on a board', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('is one shared popup: none before it is needed, exactly one after, in the board and not in a note', async () => {
    const trinn = await makeBoard(30);
    const lapps = allLapps(trinn);
    expect(lapps.length).to.equal(30);
    expect(menusIn(trinn).length).to.equal(0);
    expect(lapps.every((lapp) => !harness(lapp).renders('select, refleksjon-lapp-menu')), 'no select or menu in a note').to.be.true;

    await harness(lapps[0]).openMenu();
    await harness(lapps[17]).openMenu('Enter');
    await harness(lapps[29]).openMenu('ArrowUp');
    const menus = menusIn(trinn);
    expect(menus.length).to.equal(1);
    expect(trinnHarness(trinn).holds(menus[0]), 'the menu lives in the board').to.be.true;
    expect(lapps.every((lapp) => !harness(lapp).renders('select, refleksjon-lapp-menu')), 'still none in a note').to.be.true;
  });

  it('is open for one note at a time; the other note’s button says it is closed', async function () {
    this.timeout(15000); // axe on a whole step
    const trinn = await makeBoard(4);
    const [a, b] = allLapps(trinn).map(harness);
    await a.openMenu();
    expect(a.menuButton.getAttribute('aria-expanded')).to.equal('true');
    await b.openMenu('ArrowDown');
    expect(openPopups(trinn).length).to.equal(1);
    expect(a.menu === null, 'the first note’s menu closed').to.be.true;
    expect(a.menuButton.getAttribute('aria-expanded')).to.equal('false');
    expect(b.menuButton.getAttribute('aria-expanded')).to.equal('true');
    expect(b.menu!.getAttribute('aria-label')).to.equal(`Handlinger for lappen «${b.lapp.text}»`);
    await expect(trinn).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    expectFocusOn(b.menuButton);
  });

  it('sits beside the button that opened it, inside the window', async () => {
    await setViewport({ width: 1000, height: 900 });
    const trinn = await makeBoard(3);
    const note = harness(allLapps(trinn)[2]);
    const menu = await note.openMenu();
    const button = note.menuButton.getBoundingClientRect();
    const box = menu.getBoundingClientRect();
    const touches = Math.abs(box.top - button.bottom) <= 8 || Math.abs(box.bottom - button.top) <= 8;
    expect(touches, `menu ${box.top}–${box.bottom}, button ${button.top}–${button.bottom}`).to.be.true;
    expect(Math.abs(box.right - button.right)).to.be.below(1); // end edges aligned
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(document.documentElement.clientWidth);
    expect(box.bottom).to.be.at.most(window.innerHeight);
  });

  it('changes a colour through the shared popup, in the store, with focus back on the note’s button', async () => {
    const trinn = await makeBoard(6);
    const lapp = lappsIn(cardIn(trinn, 't1-team'))[1];
    const note = harness(lapp);
    const changed = oneEvent(trinn, 'innovasjon-note-change');
    await note.choose('grønn');
    const { detail } = await changed;
    expect(detail.note).to.include({ text: lapp.text, color: 'green' });
    await settled(trinn);
    expect(lapp.color).to.equal('green');
    expectFocusOn(note.menuButton);
  });

  it('Rediger from the shared menu edits the note it was opened for', async () => {
    const trinn = await makeBoard(3);
    const lapp = allLapps(trinn)[1];
    await harness(lapp).choose('Rediger');
    await settled(trinn);
    expect(lapp.editing).to.be.true;
    await sendKeys({ type: ' endret' });
    await sendKeys({ press: 'Enter' });
    await settled(trinn);
    expect(trinn.data.notes.map((note) => note.text)).to.deep.equal(['Lapp nummer 1', 'Lapp nummer 2 endret', 'Lapp nummer 3']);
    expectFocusOn(harness(lapp).menuButton);
  });

  it('closes when its note is deleted from elsewhere', async () => {
    const trinn = await makeBoard(2);
    const note = harness(allLapps(trinn)[0]);
    await note.openMenu();
    trinn.data = { ...trinn.data, notes: trinn.data.notes.slice(1) };
    await settled(trinn);
    expect(openPopups(trinn).length).to.equal(0);
  });

  for (const voting of [false, true]) {
    it(`names the note in every note control (${voting ? 'voting' : 'not voting'}), and passes axe`, async function () {
      this.timeout(15000); // axe on a whole step
      const trinn = await makeBoard(3, voting ? 3 : 0);
      for (const lapp of allLapps(trinn)) {
        const controls = deepQueryAll<HTMLElement>('button, select, input, textarea, [tabindex]', lapp).filter(
          (control) => control !== lapp,
        );
        expect(controls.length, lapp.text).to.equal(voting ? 3 : 2);
        for (const control of controls) expect(nameOf(control), control.className).to.contain(lapp.text);
      }
      expect(allLapps(trinn).every((lapp) => (harness(lapp).voteButton !== null) === voting), 'vote buttons').to.be.true;
      await expect(trinn).to.be.accessible();
    });
  }

  it('in a guide, a step’s notes share the step’s menu; one menu in all', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t1-mal', 'En');
    guide.addNote('t1-team', 'To');
    await settled(guide);
    const [one, two] = cardsIn(guide).flatMap(lappsIn).map(harness);
    await one.openMenu();
    await two.openMenu(' ');
    expect(menusIn(guide).length).to.equal(1);
    expect(openPopups(guide).length).to.equal(1);
  });
});
