// Runs against the build (npm run build first): the bundle's CSS is minified
// by scripts/minify-css-literals.mjs; the browser must parse every element's
// sheets to the same rules as the unminified modules tsc wrote. A value with
// var() is kept as written, so both sides are compared with the whitespace
// beside , : ; { } > removed (where the minifier removes it; it never joins
// two tokens there). A declaration lost to a parse error would still show.
import { expect, waitUntil } from '@open-wc/testing';
import '../../dist/innovasjon-guide.bundle.js';
// The guide's harness, as TypeScript source: it knows the guide's markup; the element is the bundle's.
import { guideHarness } from '../innovasjon-guide/harness.ts';

// The timer is a chunk the bundle fetches on first use: fetch it, before the
// source modules below define the tag themselves.
const guide = document.createElement('innovasjon-guide');
guide.setAttribute('no-storage', '');
document.body.append(guide);
await guide.updateComplete;
guideHarness(guide).showTimerButton.click();
await waitUntil(() => customElements.get('innovasjon-tidtaker'), 'the timer chunk defines its element');
guide.remove();
const library = await import('../../dist/index.js');

const tagOf = (className) => className.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();
const rulesOf = (styles) =>
  [styles]
    .flat(Infinity)
    .filter(Boolean)
    .flatMap((result) => [...result.styleSheet.cssRules].map((rule) => rule.cssText.replace(/\s*([,:;{}>])\s*/g, '$1')));

describe('dist/innovasjon-guide.bundle.js styles', () => {
  const elements = Object.entries(library).filter(([, value]) => value?.prototype instanceof HTMLElement);

  it('finds the elements of the library', () => {
    expect(elements.map(([name]) => tagOf(name))).to.include.members([
      'innovasjon-guide',
      'innovasjon-trinn',
      'innovasjon-kort',
      'refleksjon-lapp',
    ]);
  });

  it('has the same CSS rules as the source modules, minified', () => {
    for (const [name, sourceClass] of elements) {
      const bundled = customElements.get(tagOf(name));
      expect(bundled, tagOf(name)).to.be.a('function').and.not.equal(sourceClass);
      const expected = rulesOf(sourceClass.styles);
      expect(expected, name).to.not.be.empty;
      expect(rulesOf(bundled.styles), name).to.deep.equal(expected);
    }
  });
});
