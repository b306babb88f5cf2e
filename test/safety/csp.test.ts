import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonKort } from '../../src/innovasjon-kort/innovasjon-kort.component.js';
import type { RefleksjonLapp } from '../../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { PAYLOADS } from './payloads.js';

type StrictWindow = Window & { __violations: string[]; __pwned?: unknown };

const settle = async (guide: InnovasjonGuide) => {
  for (let i = 0; i < 5; i++) {
    await guide.updateComplete;
    await aTimeout(20);
  }
};
const deepAll = (root: Element, selector: string): Element[] => {
  const found: Element[] = [];
  const walk = (node: Element) => {
    if (node.matches(selector)) found.push(node);
    for (const child of [...node.children, ...(node.shadowRoot ? [...node.shadowRoot.children] : [])]) walk(child);
  };
  walk(root);
  return found;
};

describe('strict Content-Security-Policy with Trusted Types', () => {
  it('runs the whole guide with no violation', async function () {
    this.timeout(20000); // a fresh page loads the library from source
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="strict" src="/test/safety/csp-page.html"></iframe>`);
    let guide: InnovasjonGuide | null = null;
    for (let i = 0; i < 100 && !guide?.shadowRoot; i++) {
      await aTimeout(50);
      guide = frame.contentDocument?.querySelector('innovasjon-guide') as InnovasjonGuide | null;
    }
    const win = frame.contentWindow as StrictWindow;
    expect(guide?.shadowRoot, 'the guide rendered').to.exist;
    const g = guide!;
    // The policy is really in force: a plain string into innerHTML is refused.
    expect(() => (win.document.body.innerHTML = '<b>x</b>')).to.throw();
    await aTimeout(50);
    expect(win.__violations.join()).to.contain('trusted-types-sink', 'violations are being reported');
    win.__violations.length = 0;

    for (const payload of PAYLOADS) g.addNote('t1-mal', payload, { author: 'Kari' });
    g.addAction({ step: 1, what: PAYLOADS[0], who: 'Per', due: '2026-12-01' });
    await settle(g);
    const [lapp] = deepAll(g, 'refleksjon-lapp') as RefleksjonLapp[];
    await lapp.edit();
    await settle(g);
    (lapp.shadowRoot!.querySelector('button.cancel') as HTMLButtonElement).click();
    await settle(g);
    // The shared menu: opened, placed beside its button (through CSSOM), and each of its actions.
    const menuItem = async (name: string) => {
      (lapp.shadowRoot!.querySelector('button.menu-button') as HTMLButtonElement).click();
      await settle(g);
      const item = deepAll(g, '[role^=menuitem]').find((each) => each.textContent!.replace('✓', '').trim() === name);
      (item as HTMLButtonElement).click();
      await settle(g);
    };
    await menuItem('rosa');
    (deepAll(g, 'button.vote-button')[0] as HTMLButtonElement).click(); // the page votes: one click on the note
    await menuItem('Flytt');
    const card = deepAll(g, 'innovasjon-kort')[0] as InnovasjonKort;
    await waitUntil(() => card.shadowRoot!.querySelector('dialog[open]'), 'the move dialog opens (its chunk fetched under the CSP)');
    (card.shadowRoot!.querySelector('dialog form button[type=button]') as HTMLButtonElement).click();
    await settle(g);
    await menuItem('Slett');
    (g.shadowRoot!.querySelector('.toast button.undo') as HTMLButtonElement).click();
    lapp.style.transform = 'translate(4px, 4px)'; // what a drag does, through CSSOM
    for (const step of [0, 2, 3, 4, 5, 1]) {
      g.step = step;
      await settle(g);
    }
    await g.importData(await g.exportAs('json'), { mode: 'merge' });
    g.step = 1;
    await settle(g);
    (g.shadowRoot!.querySelector('button.show-timer') as HTMLButtonElement).click();
    await waitUntil(() => g.shadowRoot!.querySelector('innovasjon-tidtaker'), 'the timer appears (its chunk fetched under the CSP)');
    win.dispatchEvent(new Event('beforeprint'));
    await settle(g);
    win.dispatchEvent(new Event('afterprint'));
    g.setAttribute('lang', 'en');
    win.document.documentElement.lang = 'nn';
    await aTimeout(300);
    await settle(g);
    expect(deepAll(g, 'innovasjon-kort').length).to.be.greaterThan(0);
    expect(win.__pwned).to.equal(undefined);
    expect(win.__violations).to.deep.equal([]);
  });
});
