import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { cardIn, click, deepText, expectFocusOn, lappsIn, settled, uniqueKey, waitUntil, deepQueryAll } from '../helpers.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { guideHarness } from './harness.js';

async function makeGuide(step = 2) {
  const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()} step=${step}></innovasjon-guide>`);
  guide.addNote('t2-forsta', 'Innbyggerne som venter', { author: 'Kari' });
  guide.addNote('t2-forsta', 'Ansatte i hjemmetjenesten', { author: 'Ola' });
  guide.addNote('t3-teste', 'Prøv i én bydel');
  await settled(guide);
  return guide;
}

/** How tall one letter of an element's text is on screen (zoom included). */
function letterHeight(element: Element): number {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (node.textContent!.trim() ? 1 : 3) });
  const text = walker.nextNode()!;
  const range = document.createRange();
  range.setStart(text, text.textContent!.search(/\S/));
  range.setEnd(text, text.textContent!.search(/\S/) + 1);
  return range.getBoundingClientRect().height;
}

/** Everything a person could operate inside the guide (buttons, fields, links, focusable text). */
const operable = (guide: InnovasjonGuide) =>
  deepQueryAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex="0"], [contenteditable]', guide).filter(
    (element) => !element.closest('[hidden]') && element.getClientRects().length > 0,
  );

describe('the presentation view', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('opens from the toolbar, shows the step in large type with nothing to edit, and Escape brings the person back', async function () {
    this.timeout(15_000); // real clicks and re-renders on a busy 2-core machine
    const guide = await makeGuide();
    const normal = letterHeight(harness(lappsIn(cardIn(guide, 't2-forsta'))[0]).textButton);
    await click(guideHarness(guide).startPresentationButton);
    await settled(guide);
    expect(guide.hasAttribute('presentation')).to.be.true;
    expectFocusOn(guideHarness(guide).endPresentationButton);
    expect(operable(guide).map((element) => element.className)).to.deep.equal(['end-presentation'], 'only the button that ends it');
    const text = deepText(guide);
    expect(text).to.contain('Innbyggerne som venter');
    expect(text).to.contain('Ansatte i hjemmetjenesten');
    expect(text).to.contain('Ola');
    expect(text, 'the step shown, not the others').not.to.contain('Prøv i én bydel');
    expect(letterHeight(harness(lappsIn(cardIn(guide, 't2-forsta'))[0]).textElement), 'the letters are larger on screen').to.be.greaterThan(normal * 1.4);
    await sendKeys({ press: 'Escape' });
    await settled(guide);
    expect(guide.presentation).to.be.false;
    expectFocusOn(guideHarness(guide).startPresentationButton);
  });

  it('follows the facilitator’s step while a phase is set', async () => {
    const guide = await makeGuide();
    guide.presentation = true;
    await settled(guide);
    guide.setPhase('write', { step: 3 });
    await settled(guide);
    await waitUntil(() => deepText(guide).includes('Prøv i én bydel'), 'the presentation shows step 3');
    await waitUntil(() => deepText(guide).includes('Fase: Skriv'), 'the presented step shows the phase');
  });

  it('passes axe', async function () {
    this.timeout(15_000); // axe over a whole step: over 5 s on a busy 2-core machine
    const guide = await makeGuide();
    guide.presentation = true;
    await settled(guide);
    await expect(guide).to.be.accessible();
  });
});
