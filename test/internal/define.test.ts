import { expect } from '@open-wc/testing';
import { define } from '../../src/internal/define.js';
import { VERSION } from '../../src/internal/version.js';

describe('define()', () => {
  it('registers a tag once, and a second copy only warns', () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      class First extends HTMLElement {}
      class SecondCopy extends HTMLElement {}
      define('test-define-twice', First);
      define('test-define-twice', First); // the same copy again: silent
      expect(warnings).to.deep.equal([]);
      define('test-define-twice', SecondCopy);
      expect(customElements.get('test-define-twice') === First, 'the first copy stays').to.be.true;
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('<test-define-twice> is already defined by another copy').and.contain(VERSION);
    } finally {
      console.warn = warn;
    }
  });

  it('knows the version package.json gives', async () => {
    const pkg = (await (await fetch('/package.json')).json()) as { version: string };
    expect(VERSION).to.equal(pkg.version);
  });
});
