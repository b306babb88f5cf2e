import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { DocumentError } from '../../src/store/errors.js';
import { LIMITS } from '../../src/store/types.js';
import { addButtonOf, cardIn, click, deepActiveElement, lappsIn, settled, expectFocusOn } from '../helpers.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';

describe('limits', () => {
  it('refuses a pasted book politely: the text stays, a message says why, nothing is saved', async function () {
    this.timeout(20_000); // a 6 800-character note and axe over a whole guide: 8 s measured on a busy 2-core machine
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    await settled(guide);
    const card = cardIn(guide, 't1-mal');
    await click(addButtonOf(card));
    await settled(guide);
    const field = deepActiveElement() as HTMLTextAreaElement;
    const book = 'Det var en gang. '.repeat(400);
    field.value = book; // what a paste does to the field
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settled(guide);
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    const draft = kortHarness(card).draft!;
    expect(harness(draft).tooLongMessage.textContent).to.match(/høyst 2\s000 tegn/);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expectFocusOn(field);
    expect(field.value).to.equal(book);
    expect(guide.data.notes).to.deep.equal([]);
    await expect(guide).to.be.accessible();

    field.value = book.slice(0, 100);
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settled(guide);
    await sendKeys({ press: 'Enter' });
    await settled(guide);
    expect(lappsIn(card).map((lapp) => lapp.text)).to.deep.equal([book.slice(0, 100).trimEnd()]);
  });

  it('enforces the note, card and document limits in the API too', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage></innovasjon-guide>`);
    expect(() => guide.addNote('t1-mal', 'x'.repeat(LIMITS.noteText + 1))).to.throw(DocumentError, /2000/);
    const stamp = '2026-01-01T00:00:00.000Z';
    const full = Array.from({ length: LIMITS.notesPerCard }, (_, i) => ({
      id: `n${i}`, cardId: 't1-mal', text: 'x', color: 'yellow', author: '', votes: [], createdAt: stamp, updatedAt: stamp,
    }));
    guide.data = { format: 'innovasjon-guide', version: 2, notes: full, actions: [], participants: [], deleted: [] } as never;
    expect(() => guide.addNote('t1-mal', 'en til')).to.throw(DocumentError, /most notes/);
    expect(guide.data.notes).to.have.length(LIMITS.notesPerCard);
    expect(() => guide.addNote('t1-team', 'et annet kort går fint')).not.to.throw();
  });
});
