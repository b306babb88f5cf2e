import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { turguide } from '../../src/content/turguide.js';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { addButtonOf, cardIn, click, composedElements, deepText, lappsIn, settled, deepActiveElement, waitUntil } from '../helpers.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { aBrokenImageHasFailed } from '../waits.js';
import { PAYLOADS } from './payloads.js';

const canary = () => (window as { __pwned?: unknown }).__pwned;

/** Every element in the guide's composed tree, so a payload that became markup would show. */
const allElements = composedElements;
// Our own follow-up form is a form; any other of these would have come from a payload.
const FOREIGN = 'script, img, svg, math, iframe, a, video, source, object, form:not(.form), meta, details, b, template';

describe('hostile input', function () {
  this.timeout(20_000); // dozens of hostile notes rendered, or typed key by key: up to 11 s measured on a busy 2-core machine
  before(() => expect(PAYLOADS.length).to.be.at.least(30));
  afterEach(() => expect(canary(), 'no payload ran').to.equal(undefined));

  it('as note text, author and action text: all shown as text, no element made from them', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    for (const [index, payload] of PAYLOADS.entries()) {
      guide.addNote('t1-mal', payload, { author: payload.slice(0, 100) });
      guide.addAction({ step: 1, what: payload.slice(0, 500), who: `${index}` });
    }
    await settled(guide);
    await aBrokenImageHasFailed();
    const lapps = lappsIn(cardIn(guide, 't1-mal'));
    expect(lapps.map((lapp) => harness(lapp).textElement.textContent)).to.deep.equal(PAYLOADS);
    expect(lapps.map((lapp) => harness(lapp).author?.textContent)).to.deep.equal(
      PAYLOADS.map((p) => p.slice(0, 100)),
    );
    const foreign = allElements(guide).filter((element) => element.matches(FOREIGN));
    expect(foreign.map((element) => element.localName)).to.deep.equal([]);
    for (const element of allElements(guide)) {
      for (const attribute of element.getAttributeNames()) expect(attribute, element.localName).not.to.match(/^on/);
    }
    await aBrokenImageHasFailed();
  });

  it('typed by a person into a note', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    await settled(guide);
    for (const payload of PAYLOADS.slice(0, 6)) {
      await click(addButtonOf(cardIn(guide, 't1-team')));
      await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
      await sendKeys({ type: payload });
      await sendKeys({ press: 'Enter' });
      await settled(guide);
    }
    expect(lappsIn(cardIn(guide, 't1-team')).map((lapp) => lapp.text)).to.deep.equal(PAYLOADS.slice(0, 6));
  });

  it('keeps long words and lines inside the note', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t1-mal', 'Ord'.repeat(300));
    await settled(guide);
    const card = cardIn(guide, 't1-mal');
    const text = harness(lappsIn(card)[0]).textElement;
    expect(text.scrollWidth).to.be.at.most(text.clientWidth + 1);
    expect(lappsIn(card)[0].getBoundingClientRect().right).to.be.at.most(card.getBoundingClientRect().right + 1);
  });

  it('as imported data and as custom content', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    const stamp = '2026-01-01T00:00:00.000Z';
    await guide.importData({
      format: 'innovasjon-guide',
      version: 2,
      notes: PAYLOADS.map((text, i) => ({ id: `n${i}`, cardId: 't1-mal', text, color: 'pink', author: '', votes: [], createdAt: stamp, updatedAt: stamp })),
      actions: [],
      participants: PAYLOADS.map((name, i) => ({ id: `p${i}`, name: name.slice(0, 100) })),
      deleted: [],
    });
    guide.content = {
      introduction: turguide.introduction,
      steps: [{ number: 1, title: PAYLOADS[1], intro: PAYLOADS[0], cards: [{ id: 't1-mal', question: PAYLOADS[2], explanation: PAYLOADS[4], prompts: PAYLOADS.slice(5, 12) }] }],
    } as never;
    await settled(guide);
    await aBrokenImageHasFailed();
    const text = deepText(guide);
    for (const payload of [PAYLOADS[0], PAYLOADS[1], PAYLOADS[2]]) expect(text).to.contain(payload.replace(/\s+/g, ' '));
    expect(allElements(guide).filter((element) => element.matches(FOREIGN))).to.deep.equal([]);
    guide.step = 5;
    await settled(guide);
    expect(allElements(guide).filter((element) => element.matches(FOREIGN))).to.deep.equal([]);
  });
});
