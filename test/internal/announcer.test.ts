import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import { announce } from '../../src/internal/announcer.js';
import { addButtonOf, cardIn, click, expectAnnounced, liveRegion, settled, deepActiveElement, waitUntil } from '../helpers.js';

describe('one announcer for the page', () => {
  it('is a single polite, atomic status region however many elements speak', async () => {
    await fixture(html`<div>
      <innovasjon-guide no-storage step="1"></innovasjon-guide>
      <innovasjon-trinn no-storage number="2"></innovasjon-trinn>
    </div>`);
    announce('Første');
    await expectAnnounced('Første');
    expect(document.querySelectorAll('[data-innovasjon-announcer]').length).to.equal(1);
    const region = liveRegion()!;
    expect([region.getAttribute('role'), region.getAttribute('aria-atomic')]).to.deep.equal(['status', 'true']);
    expect(region.getBoundingClientRect().width <= 1, 'visually hidden').to.be.true;
  });

  it('speaks for a step used alone, and says the same words twice', async () => {
    const trinn = await fixture(html`<innovasjon-trinn no-storage number="1"></innovasjon-trinn>`);
    await settled(trinn);
    for (const round of [1, 2]) {
      await click(addButtonOf(cardIn(trinn, 't1-mal')));
      await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
      await sendKeys({ type: 'Igjen' });
      await sendKeys({ press: 'Enter' });
      await expectAnnounced('Lapp lagt til: Igjen');
      expect(round === 2 || liveRegion()!.textContent === 'Lapp lagt til: Igjen').to.be.true;
      announce(''); // nothing to say: ignored
      liveRegion()!.textContent = '';
    }
  });

  it('speaks on a page that draws no frames (hidden, or a throttled frame)', async () => {
    const draw = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0; // no frame ever comes
    try {
      announce('Uten bilde');
      await expectAnnounced('Uten bilde');
    } finally {
      window.requestAnimationFrame = draw;
    }
  });

  it('says two messages of one moment together, none lost', async () => {
    announce('En');
    announce('To');
    await expectAnnounced('En To');
  });
});
