// Runs against the built CMS bundle (npm run build first): the one file a
// CMS loads must define the elements and fetch its translations as chunks.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../dist/innovasjon-guide.bundle.js';
// The harnesses, as TypeScript source: they know the elements' markup; the elements are the bundle's.
import { kortHarness } from '../innovasjon-kort/harness.ts';
import { trinnHarness } from '../innovasjon-trinn/harness.ts';

describe('dist/innovasjon-guide.bundle.js', () => {
  it('defines every element', () => {
    for (const tag of ['innovasjon-guide', 'innovasjon-trinn', 'innovasjon-kort', 'refleksjon-lapp']) {
      expect(customElements.get(tag), tag).to.be.a('function');
    }
  });

  it('loads the nynorsk chunk beside it and renders the guide in nynorsk', async () => {
    document.documentElement.lang = 'nn';
    const trinn = await fixture(html`<innovasjon-trinn no-storage number="1"></innovasjon-trinn>`);
    const heading = () => {
      const [card] = trinnHarness(trinn).cards;
      return card && kortHarness(card).renders('h3') ? kortHarness(card).questionAt(3).textContent : undefined;
    };
    await waitUntil(() => heading() === 'Kva er målet vårt?', 'the nynorsk chunk loads and the card heading turns nynorsk', { timeout: 4000 });
    document.documentElement.lang = 'nb';
  });
});
