import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/refleksjon-lapp/refleksjon-lapp.js';
import type { RefleksjonLapp } from '../../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { click, inShadow, expectFocusOn } from '../helpers.js';

const make = (template = html`<refleksjon-lapp text="Hei" author="Kari"></refleksjon-lapp>`) =>
  fixture<RefleksjonLapp>(template);

describe('<refleksjon-lapp>', () => {
  it('passes axe showing, editing and read-only', async () => {
    const lapp = await make();
    await expect(lapp).to.be.accessible();
    await lapp.edit();
    await expect(lapp).to.be.accessible();
    const readonly = await make(html`<refleksjon-lapp text="Les" readonly color="green"></refleksjon-lapp>`);
    await expect(readonly).to.be.accessible();
  });

  it('has yellow, editable defaults and reflects colour and readonly', async () => {
    const lapp = await make(html`<refleksjon-lapp></refleksjon-lapp>`);
    expect(lapp).to.include({ text: '', color: 'yellow', author: '', readonly: false, editing: false });
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
    expect(inShadow(lapp, '.note').getAttribute('aria-label')).to.equal('Lapp, rosa, skrevet av Kari: Hva er målet vårt?');
    expect(inShadow(lapp, '.author').textContent).to.equal('Kari');
  });

  it('Enter saves the edit and sends change; Escape cancels and sends cancel', async () => {
    const lapp = await make();
    await click(inShadow(lapp, 'button.edit'));
    await lapp.updateComplete;
    expectFocusOn(inShadow(lapp, 'textarea'));
    await sendKeys({ type: ' igjen' });
    const changed = oneEvent(lapp, 'change');
    await sendKeys({ press: 'Enter' });
    await changed;
    expect(lapp.text).to.equal('Hei igjen');
    expect(lapp.editing).to.be.false;

    await click(inShadow(lapp, 'button.edit'));
    await lapp.updateComplete;
    await sendKeys({ type: ' nei' });
    const cancelled = oneEvent(lapp, 'cancel');
    await sendKeys({ press: 'Escape' });
    await cancelled;
    expect(lapp.text).to.equal('Hei igjen');
  });

  it('the Save and Cancel buttons work for pointer users', async () => {
    const lapp = await make();
    await lapp.edit();
    await sendKeys({ type: '!' });
    const changed = oneEvent(lapp, 'change');
    await click(inShadow(lapp, 'button.save'));
    await changed;
    expect(lapp.text).to.equal('Hei!');
  });

  it('saves what was typed when focus leaves the note', async () => {
    const lapp = await make();
    const outside = await fixture<HTMLButtonElement>(html`<button>ute</button>`);
    await lapp.edit();
    await sendKeys({ type: ' og mer' });
    const changed = oneEvent(lapp, 'change');
    outside.focus();
    await changed;
    expect(lapp.text).to.equal('Hei og mer');
  });

  it('an emptied note keeps its text', async () => {
    const lapp = await make();
    let changes = 0;
    lapp.addEventListener('change', () => changes++);
    await lapp.edit();
    inShadow<HTMLTextAreaElement>(lapp, 'textarea').select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    await lapp.updateComplete;
    expect(lapp.text).to.equal('Hei');
    expect(changes).to.equal(0);
  });

  it('asks to be deleted with a cancelable event', async () => {
    const lapp = await make();
    const asked = oneEvent(lapp, 'refleksjon-lapp-delete');
    await click(inShadow(lapp, 'button.delete'));
    const event = await asked;
    expect(event.cancelable).to.be.true;
  });

  it('sends no event when a property is set by code', async () => {
    const lapp = await make();
    let heard = 0;
    for (const type of ['change', 'cancel', 'refleksjon-lapp-delete']) lapp.addEventListener(type, () => heard++);
    lapp.text = 'Ny';
    lapp.color = 'green';
    await lapp.updateComplete;
    expect(heard).to.equal(0);
    expect(inShadow(lapp, '.text').textContent).to.equal('Ny');
  });

  it('renders markup in its text as text', async () => {
    const lapp = await make(html`<refleksjon-lapp text="<img src=x onerror=alert(1)><i>x</i>"></refleksjon-lapp>`);
    expect(inShadow(lapp, '.text').textContent).to.equal('<img src=x onerror=alert(1)><i>x</i>');
    expect(lapp.shadowRoot!.querySelector('img, i') === null, 'absent: img, i').to.be.true;
  });
});
