import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LappEventMap } from '../../src/events.js';
import '../../src/refleksjon-lapp/refleksjon-lapp.js';
import type { RefleksjonLapp } from '../../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { click, deepActiveElement, expectFocusOn } from '../helpers.js';
import { harness, menusIn, openPopups } from './harness.js';

const make = (template = html`<refleksjon-lapp text="Hei" author="Kari"></refleksjon-lapp>`) =>
  fixture<RefleksjonLapp>(template);

const changeOf = (lapp: RefleksjonLapp) => oneEvent(lapp, 'refleksjon-lapp-change');

describe('<refleksjon-lapp>', () => {
  it('passes axe showing, editing, with its menu open, voting and read-only', async function () {
    this.timeout(20000); // five axe runs, the first loads axe
    const lapp = await make();
    await expect(lapp).to.be.accessible();
    await harness(lapp).openMenu();
    await expect(lapp).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await lapp.edit();
    await expect(lapp).to.be.accessible();
    const voting = await make(html`<refleksjon-lapp text="Stem" voting .votes=${2} voted></refleksjon-lapp>`);
    await expect(voting).to.be.accessible();
    const readonly = await make(html`<refleksjon-lapp text="Les" readonly color="green" .votes=${1}></refleksjon-lapp>`);
    await expect(readonly).to.be.accessible();
  });

  it('has yellow, editable defaults and reflects colour and readonly', async () => {
    const lapp = await make(html`<refleksjon-lapp></refleksjon-lapp>`);
    expect(lapp).to.include({ text: '', color: 'yellow', author: '', readonly: false, editing: false, voting: false });
    lapp.color = 'blue';
    lapp.readonly = true;
    await lapp.updateComplete;
    expect(lapp.getAttribute('color')).to.equal('blue');
    expect(lapp.hasAttribute('readonly')).to.be.true;
  });

  it('falls back to yellow for an unknown colour', async () => {
    const lapp = await make(html`<refleksjon-lapp color="purple"></refleksjon-lapp>`);
    expect(lapp.color).to.equal('yellow');
  });

  it('names its colour and author for screen readers, and shows the author', async () => {
    const lapp = await make(html`<refleksjon-lapp text="Hei" author="Kari" color="pink" context="Hva er målet vårt?"></refleksjon-lapp>`);
    expect(harness(lapp).note.getAttribute('aria-label')).to.equal('Lapp, rosa, skrevet av Kari: Hva er målet vårt?');
    expect(harness(lapp).author!.textContent).to.equal('Kari');
  });

  it('shows its text, its author and one button; no colour select, no vote button, no menu until asked', async () => {
    const lapp = await make();
    const buttons = harness(lapp).buttons;
    expect(buttons.map((button) => button.className)).to.deep.equal(['menu-button']);
    expect(harness(lapp).renders('select'), 'absent: select').to.be.false;
    expect(menusIn(lapp).length).to.equal(0);
    expect(harness(lapp).textElement.textContent).to.equal('Hei');
  });

  it('gives every control a name that says which note it acts on', async () => {
    const lapp = await make(html`<refleksjon-lapp text="Kortere ventetid" voting .votes=${2}></refleksjon-lapp>`);
    const { textButton, menuButton, voteButton } = harness(lapp);
    expect(textButton.textContent!.trim()).to.equal('Kortere ventetid');
    expect(textButton.tabIndex, 'the text takes focus: Enter on it edits').to.equal(0);
    const hint = harness(lapp).descriptionOf(textButton);
    expect(hint.textContent).to.equal('Trykk Enter for å redigere.');
    expect(menuButton.getAttribute('aria-label')).to.equal('Handlinger for lappen «Kortere ventetid»');
    expect(voteButton!.getAttribute('aria-label')).to.equal('Stem på «Kortere ventetid», 2 stemmer');
    await harness(lapp).openMenu();
    expect(harness(lapp).menu!.getAttribute('aria-label')).to.equal('Handlinger for lappen «Kortere ventetid»');
  });

  describe('editing', () => {
    it('a click on the text opens editing; Enter saves with {text, color} and focus returns to the text', async () => {
      const lapp = await make();
      await click(harness(lapp).textButton);
      await lapp.updateComplete;
      expectFocusOn(harness(lapp).textarea);
      await sendKeys({ type: ' igjen' });
      const changed = changeOf(lapp);
      await sendKeys({ press: 'Enter' });
      expect((await changed).detail).to.deep.equal({ text: 'Hei igjen', color: 'yellow' });
      expect(lapp.text).to.equal('Hei igjen');
      expect(lapp.editing).to.be.false;
      await lapp.updateComplete;
      expectFocusOn(harness(lapp).textButton);
    });

    it('Enter on the focused text opens editing; Escape cancels with the kept text and returns focus', async () => {
      const lapp = await make();
      harness(lapp).textButton.focus();
      await sendKeys({ press: 'Enter' });
      await lapp.updateComplete;
      expectFocusOn(harness(lapp).textarea);
      await sendKeys({ type: ' nei' });
      const cancelled = oneEvent(lapp, 'refleksjon-lapp-cancel');
      await sendKeys({ press: 'Escape' });
      expect((await cancelled).detail).to.deep.equal({ text: 'Hei', color: 'yellow' });
      expect(lapp.text).to.equal('Hei');
      await lapp.updateComplete;
      expectFocusOn(harness(lapp).textButton);
    });

    it('the Save and Cancel buttons work for pointer users', async () => {
      const lapp = await make();
      await lapp.edit();
      await sendKeys({ type: '!' });
      const changed = changeOf(lapp);
      await click(harness(lapp).saveButton);
      await changed;
      expect(lapp.text).to.equal('Hei!');
    });

    it('saves what was typed when focus leaves the note', async () => {
      const lapp = await make();
      const outside = await fixture<HTMLButtonElement>(html`<button>ute</button>`);
      await lapp.edit();
      await sendKeys({ type: ' og mer' });
      const changed = changeOf(lapp);
      outside.focus();
      await changed;
      expect(lapp.text).to.equal('Hei og mer');
    });

    it('an emptied note keeps its text', async () => {
      const lapp = await make();
      let changes = 0;
      lapp.addEventListener('refleksjon-lapp-change', () => changes++);
      await lapp.edit();
      harness(lapp).textarea.select();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Enter' });
      await lapp.updateComplete;
      expect(lapp.text).to.equal('Hei');
      expect(changes).to.equal(0);
    });
  });

  describe('the actions menu', () => {
    it('is a menu button: haspopup, expanded, and a click opens it with focus on the first item', async () => {
      const lapp = await make();
      const note = harness(lapp);
      expect(note.menuButton.getAttribute('aria-haspopup')).to.equal('menu');
      expect(note.menuButton.getAttribute('aria-expanded')).to.equal('false');
      const menu = await note.openMenu('click');
      expect(menu.getAttribute('role')).to.equal('menu');
      expect(note.menuButton.getAttribute('aria-expanded')).to.equal('true');
      expectFocusOn(note.items[0], 'first item');
      expect(note.itemNames).to.deep.equal(['Rediger', 'gul', 'rosa', 'blå', 'grønn', 'oransje', 'Flytt', 'Stem', 'Slett']);
      expect(note.items.map((item) => item.getAttribute('role'))).to.deep.equal([
        'menuitem',
        ...Array(5).fill('menuitemradio'),
        'menuitem',
        'menuitemcheckbox',
        'menuitem',
      ]);
      const group = menu.querySelector('[role=group]')!;
      expect(group.getAttribute('aria-label')).to.equal('Farge');
      expect(group.querySelectorAll('[role=menuitemradio]').length).to.equal(5);
      expect(note.items.filter((item) => item.getAttribute('aria-checked') === 'true').map((item) => item.textContent!.trim())).to.deep.equal([
        'gul✓',
      ]);
      // A second click on the button closes the menu.
      await click(note.menuButton);
      await lapp.updateComplete;
      expect(note.menu === null, 'closed').to.be.true;
      expect(note.menuButton.getAttribute('aria-expanded')).to.equal('false');
    });

    for (const key of ['Enter', ' ', 'ArrowDown'] as const) {
      it(`opens with ${key === ' ' ? 'Space' : key} on the button, focus on the first item`, async () => {
        const lapp = await make();
        const note = harness(lapp);
        await note.openMenu(key);
        expectFocusOn(note.items[0]);
      });
    }

    it('opens with ArrowUp on the button, focus on the last item', async () => {
      const lapp = await make();
      const note = harness(lapp);
      await note.openMenu('ArrowUp');
      expectFocusOn(note.items[note.items.length - 1]);
    });

    it('moves focus with the arrow keys (round the ends), Home and End', async () => {
      const lapp = await make();
      const note = harness(lapp);
      await note.openMenu();
      const { items } = note;
      await sendKeys({ press: 'ArrowDown' });
      expectFocusOn(items[1], 'ArrowDown');
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      expectFocusOn(items[items.length - 1], 'ArrowUp past the first');
      await sendKeys({ press: 'ArrowDown' });
      expectFocusOn(items[0], 'ArrowDown past the last');
      await sendKeys({ press: 'End' });
      expectFocusOn(items[items.length - 1], 'End');
      await sendKeys({ press: 'Home' });
      expectFocusOn(items[0], 'Home');
    });

    for (const key of ['Escape', 'Tab'] as const) {
      it(`${key} closes it and returns focus to the button`, async () => {
        const lapp = await make();
        const note = harness(lapp);
        await note.openMenu('Enter');
        await sendKeys({ press: 'ArrowDown' });
        await sendKeys({ press: key });
        await lapp.updateComplete;
        expect(note.menu === null, 'closed').to.be.true;
        expectFocusOn(note.menuButton);
        expect(note.menuButton.getAttribute('aria-expanded')).to.equal('false');
      });
    }

    it('a click outside closes it', async () => {
      const lapp = await make();
      const outside = await fixture<HTMLParagraphElement>(html`<p>Utenfor</p>`);
      const note = harness(lapp);
      await note.openMenu();
      await click(outside);
      await lapp.updateComplete;
      expect(note.menu === null, 'closed').to.be.true;
      expect(openPopups().length).to.equal(0);
    });

    it('Rediger opens editing with focus in the text field; saving returns focus to the menu button', async () => {
      const lapp = await make();
      const note = harness(lapp);
      await note.choose('Rediger');
      await lapp.updateComplete;
      expectFocusOn(harness(lapp).textarea);
      await sendKeys({ type: '!' });
      await sendKeys({ press: 'Enter' });
      await lapp.updateComplete;
      expect(lapp.text).to.equal('Hei!');
      expectFocusOn(note.menuButton);
    });

    it('a colour changes the note, sends change with {text, color} and returns focus to the button', async () => {
      const lapp = await make();
      const note = harness(lapp);
      await note.openMenu();
      const changed = changeOf(lapp);
      await click(note.item('rosa'));
      expect((await changed).detail).to.deep.equal({ text: 'Hei', color: 'pink' });
      await lapp.updateComplete;
      expect(lapp.getAttribute('color')).to.equal('pink');
      expect(harness(lapp).note.getAttribute('aria-label')).to.contain('rosa');
      expect(note.menu === null, 'closed').to.be.true;
      expectFocusOn(note.menuButton);
    });

    it('the same colour again changes nothing', async () => {
      const lapp = await make();
      let changes = 0;
      lapp.addEventListener('refleksjon-lapp-change', () => changes++);
      await harness(lapp).choose('gul');
      expect(changes).to.equal(0);
    });

    it('Flytt asks to move, Stem to vote, Slett to delete (cancelable), by click and by keys', async () => {
      const lapp = await make();
      const note = harness(lapp);
      const moved = oneEvent(lapp, 'refleksjon-lapp-move');
      await note.choose('Flytt');
      await moved;
      expectFocusOn(note.menuButton);

      const voted = oneEvent(lapp, 'refleksjon-lapp-vote');
      await note.openMenu('Enter');
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'Enter' });
      await voted;

      const asked = oneEvent(lapp, 'refleksjon-lapp-delete');
      await note.openMenu('ArrowUp');
      await sendKeys({ press: ' ' });
      const event = await asked;
      expect(event.cancelable).to.be.true;
      expectFocusOn(note.menuButton);
    });
  });

  describe('votes', () => {
    it('without voting, the count shows as text when above zero, and voting sits in the menu', async () => {
      const lapp = await make(html`<refleksjon-lapp text="Hei"></refleksjon-lapp>`);
      expect(harness(lapp).voteButton === null, 'no vote button').to.be.true;
      expect(harness(lapp).votes === null, 'no count at zero').to.be.true;
      lapp.votes = 2;
      await lapp.updateComplete;
      expect(harness(lapp).votes!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('● 2 stemmer');
      expect(harness(lapp).votes!.getClientRects().length).to.be.greaterThan(0);
      await harness(lapp).openMenu();
      expect(harness(lapp).itemNames).to.include('Stem');
    });

    it('with voting, a one-click vote button that names the note and the count, and no Stem in the menu', async () => {
      const lapp = await make(html`<refleksjon-lapp text="Hei" voting></refleksjon-lapp>`);
      const note = harness(lapp);
      expect(note.voteButton!.getAttribute('aria-label')).to.equal('Stem på «Hei», 0 stemmer');
      expect(note.voteButton!.getAttribute('aria-pressed')).to.equal('false');
      const voted = oneEvent(lapp, 'refleksjon-lapp-vote');
      await click(note.voteButton!);
      await voted;
      lapp.votes = 1;
      lapp.voted = true;
      await lapp.updateComplete;
      expect(note.voteButton!.getAttribute('aria-pressed')).to.equal('true');
      expect(note.voteButton!.getAttribute('aria-label')).to.equal('Stem på «Hei», 1 stemme');
      expect(note.voteButton!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('● Stem');
      expect(harness(lapp).votes!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('● 1 stemme');
      expect(harness(lapp).votes!.getAttribute('aria-hidden'), 'read once, in the button').to.equal('true');
      await note.openMenu();
      expect(note.itemNames).not.to.include('Stem');
    });

    it('with no votes left, the vote button explains instead of voting', async () => {
      const lapp = await make(html`<refleksjon-lapp text="Hei" voting votes-used-up></refleksjon-lapp>`);
      const button = harness(lapp).voteButton!;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      const hint = harness(lapp).descriptionOf(button);
      expect(hint.textContent).to.contain('brukt alle stemmene');
      let votes = 0;
      lapp.addEventListener('refleksjon-lapp-vote', () => votes++);
      await click(button);
      expect(votes).to.equal(0);
    });
  });

  it('a note on its own renders its own menu when first opened, and only one is open at a time', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><refleksjon-lapp text="En"></refleksjon-lapp><refleksjon-lapp text="To"></refleksjon-lapp></div>`,
    );
    const [one, two] = [...wrapper.querySelectorAll('refleksjon-lapp')].map(harness);
    expect(menusIn(wrapper).length).to.equal(0);
    await one.openMenu();
    expect(menusIn(one.lapp).length).to.equal(1);
    // Focus moving to the other note's button closes the first menu.
    await two.openMenu('Enter');
    expect(one.menu === null, 'the first closed').to.be.true;
    expect(openPopups(wrapper).length).to.equal(1);
    expect(deepActiveElement() === two.items[0], 'focus in the second menu').to.be.true;
  });

  it('sends refleksjon-lapp-change and -cancel, then the old change and cancel (0.2.x) with the same detail', async () => {
    const lapp = await make();
    const heard: string[] = [];
    for (const type of ['refleksjon-lapp-change', 'change', 'refleksjon-lapp-cancel', 'cancel'] as const) {
      lapp.addEventListener(type, (event) => {
        const { detail, bubbles, composed } = event as LappEventMap[typeof type];
        heard.push(`${type}:${detail.text}:${detail.color}:${bubbles}:${composed}`);
      });
    }
    await lapp.edit();
    await sendKeys({ type: '!' });
    const changed = changeOf(lapp);
    await sendKeys({ press: 'Enter' });
    await changed;
    await lapp.edit();
    const cancelled = oneEvent(lapp, 'cancel');
    await sendKeys({ press: 'Escape' });
    await cancelled;
    expect(heard).to.deep.equal([
      'refleksjon-lapp-change:Hei!:yellow:true:false',
      'change:Hei!:yellow:true:false',
      'refleksjon-lapp-cancel:Hei!:yellow:true:false',
      'cancel:Hei!:yellow:false:false',
    ]);
  });

  it('sends no event when a property is set by code', async () => {
    const lapp = await make();
    let heard = 0;
    for (const type of ['refleksjon-lapp-change', 'refleksjon-lapp-cancel', 'change', 'cancel', 'refleksjon-lapp-delete', 'refleksjon-lapp-vote', 'refleksjon-lapp-move']) {
      lapp.addEventListener(type, () => heard++);
    }
    lapp.text = 'Ny';
    lapp.color = 'green';
    lapp.votes = 3;
    await lapp.updateComplete;
    expect(heard).to.equal(0);
    expect(harness(lapp).textElement.textContent).to.equal('Ny');
  });

  it('renders markup in its text as text', async () => {
    const lapp = await make(html`<refleksjon-lapp text="<img src=x onerror=alert(1)><i>x</i>"></refleksjon-lapp>`);
    expect(harness(lapp).textElement.textContent).to.equal('<img src=x onerror=alert(1)><i>x</i>');
    expect(harness(lapp).renders('img, i'), 'absent: img, i').to.be.false;
    expect(harness(lapp).menuButton.getAttribute('aria-label')).to.equal('Handlinger for lappen «<img src=x onerror=alert(1)><i>x</i>»');
  });
});
