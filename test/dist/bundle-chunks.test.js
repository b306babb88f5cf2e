// The built CMS bundle loaded as a CMS often does, with a version query
// (WordPress adds `?ver=`): its feature chunks must join this copy, not load a
// second one (they import the hashed core chunk, never the entry's URL).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../dist/innovasjon-guide.bundle.js?ver=3';
// The harnesses, as TypeScript source: they know the elements' markup; the elements are the bundle's.
import { guideHarness } from '../innovasjon-guide/harness.ts';
import { tidtakerHarness } from '../innovasjon-tidtaker/harness.ts';

describe('dist/innovasjon-guide.bundle.js?ver=3 and its chunks', () => {
  it('fetches a feature on first use and runs the library once', async () => {
    const warnings = [];
    const warn = console.warn;
    console.warn = (...args) => warnings.push(args.join(' '));
    try {
      const guide = await fixture(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
      guide.addNote('t1-mal', 'Eksporter meg');
      const json = await guide.exportAs('json');
      expect(JSON.parse(json).notes[0].text).to.equal('Eksporter meg');
      guideHarness(guide).showTimerButton.click();
      await waitUntil(() => {
        const timer = guideHarness(guide).timer;
        return timer && tidtakerHarness(timer).renders('button');
      }, 'the timer arrives');
      const scripts = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      expect(scripts.filter((path) => path.endsWith('/innovasjon-guide.bundle.js')).length, 'the entry is fetched once').to.equal(1);
      expect(scripts.some((path) => /\/chunks\/transfer-/.test(path)), 'the export chunk was fetched').to.be.true;
      expect(warnings.filter((each) => each.includes('already defined')), 'no second copy').to.deep.equal([]);
    } finally {
      console.warn = warn;
    }
  });
});
