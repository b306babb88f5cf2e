import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { addButtonOf, cardIn, click, deepActiveElement, deepText, inShadow, lappsIn, settled, uniqueKey } from '../helpers.js';

describe('<innovasjon-guide>', () => {
  it('smoke: adds a note by click and keys', async () => {
    const key = uniqueKey();
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${key} step="1"></innovasjon-guide>`);
    await settled(guide);
    const card = cardIn(guide, 't1-mal');
    await click(addButtonOf(card));
    await settled(guide);
    expect(deepActiveElement()?.localName).to.equal('textarea');
    await sendKeys({ type: 'Vårt mål' });
    const added = oneEvent(guide, 'innovasjon-note-add');
    await sendKeys({ press: 'Enter' });
    const { detail } = await added;
    expect(detail.note.text).to.equal('Vårt mål');
    await settled(guide);
    expect(lappsIn(card).map((lapp) => lapp.text)).to.deep.equal(['Vårt mål']);
    expect(deepText(guide)).to.contain('Vårt mål');
    expect(inShadow(guide, 'nav').textContent).to.contain('1 lapp');
  });
});
