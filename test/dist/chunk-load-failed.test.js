// The built bundle served where its feature chunks cannot be fetched (404):
// the guide keeps working, says what failed, and loses nothing.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '/broken-dist/innovasjon-guide.bundle.js';

describe('a feature chunk that cannot be fetched', () => {
  it('rejects, sends innovasjon-error chunk-load-failed, and keeps the notes', async () => {
    const guide = await fixture(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t1-mal', 'Blir her');
    const error = oneEvent(guide, 'innovasjon-error');
    let rejected;
    try {
      await guide.exportAs('json');
    } catch (reason) {
      rejected = reason;
    }
    expect(rejected?.name).to.equal('FeatureLoadError');
    expect((await error).detail.code).to.equal('chunk-load-failed');
    expect(guide.data.notes.map((note) => note.text)).to.deep.equal(['Blir her']);
    const region = document.querySelector('[data-innovasjon-announcer]');
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(region?.textContent).to.contain('kunne ikke lastes');
  });
});
