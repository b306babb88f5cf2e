// Runs against the build (npm run build first): the framework-free entry
// `innovasjonsguide/store.js` must register no element and load no Lit.
// Its own page, so nothing else has loaded Lit; chai is used directly,
// since @open-wc/testing itself loads Lit.
import { expect } from '@esm-bundle/chai';
import * as store from '../../dist/store.js';

describe('dist/store.js', () => {
  it('exports the store and adapters', () => {
    expect(store.GuideStore).to.be.a('function');
    expect(store.LocalStorageAdapter).to.be.a('function');
  });

  it('registers no element and loads no Lit', () => {
    for (const tag of ['innovasjon-guide', 'innovasjon-trinn', 'innovasjon-kort', 'refleksjon-lapp']) {
      expect(customElements.get(tag), tag).to.equal(undefined);
    }
    // Lit records each loaded copy of lit-html and LitElement in these globals.
    expect(globalThis.litHtmlVersions).to.equal(undefined);
    expect(globalThis.litElementVersions).to.equal(undefined);
  });
});
