import { expect, fixture, html } from '@open-wc/testing';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonKort } from '../../src/innovasjon-kort/innovasjon-kort.component.js';
import type { RefleksjonLapp } from '../../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { deepQueryAll, hasRendered, settled, waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { PAYLOADS } from './payloads.js';

type StrictWindow = Window & { __violations: string[]; __pwned?: unknown };

const deepAll = (root: Element, selector: string): Element[] => deepQueryAll(selector, root);

describe('strict Content-Security-Policy with Trusted Types', () => {
  it('runs the whole guide with no violation', async function () {
    this.timeout(30_000); // a fresh page loads and compiles the library from source
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="strict" src="/test/safety/csp-page.html"></iframe>`);
    const guideInFrame = () => frame.contentDocument?.querySelector('innovasjon-guide') as InnovasjonGuide | null | undefined;
    await waitUntil(() => hasRendered(guideInFrame()), 'the guide rendered in the strict page', { timeout: 25_000 });
    const win = frame.contentWindow as StrictWindow;
    const g = guideInFrame()!;
    // The policy is really in force: a plain string into innerHTML is refused,
    // and reported. Reports come in order, so a refusal made on purpose later
    // tells that every violation before it has been reported too.
    const refuseAndWaitForReport = async () => {
      expect(() => (win.document.body.innerHTML = '<b>x</b>')).to.throw();
      await waitUntil(() => win.__violations.join().includes('trusted-types-sink'), 'the refusal is reported', { timeout: 5000 });
    };
    await refuseAndWaitForReport();
    win.__violations.length = 0;

    for (const payload of PAYLOADS) g.addNote('t1-mal', payload, { author: 'Kari' });
    g.addAction({ step: 1, what: PAYLOADS[0], who: 'Per', due: '2026-12-01' });
    await settled(g);
    const [lapp] = deepAll(g, 'refleksjon-lapp') as RefleksjonLapp[];
    await lapp.edit();
    await settled(g);
    harness(lapp).cancelButton.click();
    await settled(g);
    // The shared menu: opened, placed beside its button (through CSSOM), and each of its actions.
    const menuItem = async (name: string) => {
      harness(lapp).menuButton.click();
      await settled(g);
      const item = deepAll(g, '[role^=menuitem]').find((each) => each.textContent!.replace('✓', '').trim() === name);
      (item as HTMLButtonElement).click();
      await settled(g);
    };
    await menuItem('rosa');
    (deepAll(g, 'button.vote-button')[0] as HTMLButtonElement).click(); // the page votes: one click on the note
    await menuItem('Flytt');
    const card = deepAll(g, 'innovasjon-kort')[0] as InnovasjonKort;
    await waitUntil(() => kortHarness(card).openDialog, 'the move dialog opens (its chunk fetched under the CSP)');
    kortHarness(card).moveCancelButton.click();
    await settled(g);
    await menuItem('Slett');
    guideHarness(g).undoButton.click();
    lapp.style.transform = 'translate(4px, 4px)'; // what a drag does, through CSSOM
    for (const step of [0, 2, 3, 4, 5, 1]) {
      g.step = step;
      await settled(g);
    }
    await g.importData(await g.exportAs('json'), { mode: 'merge' });
    g.step = 1;
    await settled(g);
    guideHarness(g).showTimerButton.click();
    await waitUntil(() => guideHarness(g).timer, 'the timer appears (its chunk fetched under the CSP)');
    win.dispatchEvent(new Event('beforeprint'));
    await settled(g);
    win.dispatchEvent(new Event('afterprint'));
    g.setAttribute('lang', 'en');
    win.document.documentElement.lang = 'nn';
    const firstHeading = () => {
      const [card] = deepAll(g, 'innovasjon-kort') as InnovasjonKort[];
      return card && hasRendered(card) ? kortHarness(card).questionAt(3).textContent?.trim() : undefined;
    };
    await waitUntil(() => firstHeading() === 'What is our goal?', 'the guide turns English (What is our goal?) under the policy', { timeout: 10_000 });
    await settled(g);
    expect(deepAll(g, 'innovasjon-kort').length).to.be.greaterThan(0);
    expect(win.__pwned).to.equal(undefined);
    await refuseAndWaitForReport();
    expect(win.__violations.slice(0, -1), 'violations before the one made on purpose').to.deep.equal([]);
  });
});
