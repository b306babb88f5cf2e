import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-tidtaker/innovasjon-tidtaker.js';
import type { InnovasjonTidtaker } from '../../src/innovasjon-tidtaker/innovasjon-tidtaker.component.js';
import { click, deepActiveElement, inShadow } from '../helpers.js';

// The clock is moved forward by stubbing Date.now; the element must read time
// from it (not count its ticks) for these tests to pass.
const realNow = Date.now;

/** `<tag#id.class>` of an element, for messages. */
const nameOf = (element: Element | null) =>
  element ? `<${element.localName}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).trim().split(/\s+/).join('.')}` : ''}>` : 'nothing';

/**
 * Asserts where focus is. Elements are never handed to chai: when an assertion
 * holding a DOM node fails, the runner cannot clone it and hangs instead of
 * reporting (modernweb-dev/web#2967), so messages carry names instead.
 */
function expectFocusOn(expected: Element | null) {
  const actual = deepActiveElement();
  expect(actual === expected, `focus is on ${nameOf(actual)}, not on ${nameOf(expected)}`).to.be.true;
}
let skipped = 0;
const skip = (milliseconds: number) => (skipped += milliseconds);

const make = (template = html`<innovasjon-tidtaker></innovasjon-tidtaker>`) => fixture<InnovasjonTidtaker>(template);

const $ = <T extends Element = HTMLElement>(element: InnovasjonTidtaker, selector: string) =>
  inShadow<T>(element, selector);
const shown = (element: InnovasjonTidtaker) => $(element, '[role="timer"]').textContent!.trim();
const statusText = (element: InnovasjonTidtaker) => $(element, '[role="status"]').textContent!.trim();
const toggle = (element: InnovasjonTidtaker) => $<HTMLButtonElement>(element, 'button.toggle');
const select = (element: InnovasjonTidtaker) => $<HTMLSelectElement>(element, 'select');

/** Waits (in real time, a few ticks at most) until the display shows `time`. */
const showsSoon = (element: InnovasjonTidtaker, time: string) =>
  waitUntil(() => shown(element) === time, `expected ${time}, shown ${shown(element)}`, { timeout: 2000 });

describe('<innovasjon-tidtaker>', () => {
  beforeEach(() => {
    skipped = 0;
    Date.now = () => realNow.call(Date) + skipped;
  });

  afterEach(() => {
    Date.now = realNow;
  });

  describe('accessibility', () => {
    it('passes axe at rest, running, paused and when the time is up', async () => {
      const element = await make(html`<innovasjon-tidtaker minutes="1"></innovasjon-tidtaker>`);
      await expect(element).to.be.accessible();
      await click(toggle(element));
      await element.updateComplete;
      await expect(element).to.be.accessible();
      await click(toggle(element));
      await element.updateComplete;
      await expect(element).to.be.accessible();
      await click(toggle(element));
      skip(61_000);
      await oneEvent(element, 'innovasjon-timer-end');
      await element.updateComplete;
      await expect(element).to.be.accessible();
    });

    it('is a timer that does not chatter, labelled "Gjenstående tid", with a polite status region', async () => {
      const element = await make();
      const timer = $(element, '[role="timer"]');
      expect(timer.getAttribute('aria-live')).to.equal('off');
      const label = element.shadowRoot!.getElementById(timer.getAttribute('aria-labelledby')!)!;
      expect(label.textContent!.trim()).to.equal('Gjenstående tid');
      expect($(element, '[role="status"]')).to.exist;
      expect($(element, 'label[for="minutes"]').textContent!.trim()).to.equal('Varighet');
    });
  });

  describe('defaults and attributes', () => {
    it('defaults to 5 minutes, shown as 05:00, not running', async () => {
      expect(document.createElement('innovasjon-tidtaker').minutes).to.equal(5);
      const element = await make();
      expect(shown(element)).to.equal('05:00');
      expect(select(element).value).to.equal('5');
      expect([...select(element).options].map((option) => option.value)).to.deep.equal(['1', '3', '5', '10', '15']);
      expect([...select(element).options].map((option) => option.textContent!.trim())).to.deep.equal([
        '1 minutt',
        '3 minutter',
        '5 minutter',
        '10 minutter',
        '15 minutter',
      ]);
      expect(toggle(element).textContent!.trim()).to.equal('Start');
      expect(element.shadowRoot!.querySelectorAll('.message').length).to.equal(0);
    });

    it('reads minutes from its attribute and follows changes to it', async () => {
      const element = await make(html`<innovasjon-tidtaker minutes="15"></innovasjon-tidtaker>`);
      expect(element.minutes).to.equal(15);
      expect(shown(element)).to.equal('15:00');
      element.setAttribute('minutes', '3');
      await element.updateComplete;
      expect(element.minutes).to.equal(3);
      expect(shown(element)).to.equal('03:00');
      expect(select(element).value).to.equal('3');
    });

    it('falls back to 5 minutes for a value that is not a length, and offers another length it is given', async () => {
      const element = await make(html`<innovasjon-tidtaker minutes="nei"></innovasjon-tidtaker>`);
      expect(shown(element)).to.equal('05:00');
      element.minutes = 0;
      await element.updateComplete;
      expect(shown(element)).to.equal('05:00');
      element.minutes = 7;
      await element.updateComplete;
      expect(shown(element)).to.equal('07:00');
      expect(select(element).value).to.equal('7');
    });
  });

  describe('running', () => {
    it('Start runs it by the clock, announces it, and the end announces, shows a message and sends the event', async () => {
      const element = await make(html`<innovasjon-tidtaker minutes="1"></innovasjon-tidtaker>`);
      await click(toggle(element));
      await waitUntil(() => statusText(element) === 'Tidtakeren går: 1 minutt', 'start is announced');
      expect(toggle(element).textContent!.trim()).to.equal('Pause');
      skip(30_000);
      await showsSoon(element, '00:30');
      const ended = oneEvent(element, 'innovasjon-timer-end');
      skip(31_000);
      const event = await ended;
      expect(event.detail).to.deep.equal({ minutes: 1 });
      expect(event.bubbles && event.composed).to.be.true;
      await element.updateComplete;
      expect(shown(element)).to.equal('00:00');
      expect($(element, '.message').textContent!.trim()).to.equal('Tiden er ute!');
      await waitUntil(() => statusText(element) === 'Tiden er ute', 'the end is announced');
      expect(toggle(element).textContent!.trim()).to.equal('Start');
    });

    it('announces the chosen length in minutes', async () => {
      const element = await make();
      await click(toggle(element));
      await waitUntil(() => statusText(element) === 'Tidtakeren går: 5 minutter');
    });

    it('Pause stops the time; Fortsett goes on from there', async () => {
      const element = await make(html`<innovasjon-tidtaker minutes="1"></innovasjon-tidtaker>`);
      await click(toggle(element));
      skip(10_000);
      await showsSoon(element, '00:50');
      await click(toggle(element));
      await waitUntil(() => statusText(element) === 'Tidtakeren er satt på pause');
      expect(toggle(element).textContent!.trim()).to.equal('Fortsett');
      skip(20_000);
      await aTimeout(600);
      expect(shown(element)).to.equal('00:50');
      await click(toggle(element));
      await waitUntil(() => statusText(element) === 'Tidtakeren går videre');
      skip(5_000);
      await showsSoon(element, '00:45');
    });

    it('Nullstill stops it and sets the full length back; after the end, Start starts over', async () => {
      const element = await make(html`<innovasjon-tidtaker minutes="1"></innovasjon-tidtaker>`);
      await click(toggle(element));
      skip(20_000);
      await showsSoon(element, '00:40');
      await click($(element, 'button.reset'));
      await element.updateComplete;
      expect(shown(element)).to.equal('01:00');
      expect(toggle(element).textContent!.trim()).to.equal('Start');
      await waitUntil(() => statusText(element) === 'Tidtakeren er nullstilt');
      skip(20_000);
      await aTimeout(600);
      expect(shown(element)).to.equal('01:00');

      await click(toggle(element));
      skip(61_000);
      await oneEvent(element, 'innovasjon-timer-end');
      await click(toggle(element));
      await element.updateComplete;
      expect(element.shadowRoot!.querySelectorAll('.message').length).to.equal(0);
      expect(shown(element)).to.equal('01:00');
      expect(toggle(element).textContent!.trim()).to.equal('Pause');
    });

    it('choosing a length with the keyboard sets minutes and the display; Enter on Start starts', async () => {
      const element = await make();
      select(element).focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect(element.minutes).to.equal(10);
      expect(shown(element)).to.equal('10:00');
      await sendKeys({ press: 'Tab' });
      expectFocusOn(toggle(element));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => statusText(element) === 'Tidtakeren går: 10 minutter');
      skip(60_000);
      await showsSoon(element, '09:00');
    });

    it('never takes focus: typing elsewhere goes on while it runs and ends', async () => {
      const [element, input] = [
        await make(html`<innovasjon-tidtaker minutes="1"></innovasjon-tidtaker>`),
        await fixture<HTMLInputElement>(html`<input aria-label="Lapp" />`),
      ];
      await click(toggle(element));
      await click(input);
      await sendKeys({ type: 'Vi skriver' });
      const ended = oneEvent(element, 'innovasjon-timer-end');
      skip(61_000);
      await ended;
      await element.updateComplete;
      await sendKeys({ type: ' videre' });
      expect(input.value).to.equal('Vi skriver videre');
      expectFocusOn(input);
    });
  });

  describe('timers', () => {
    it('clears every interval it started when removed, and then does nothing more', async () => {
      const realSet = window.setInterval;
      const realClear = window.clearInterval;
      const started: number[] = [];
      const cleared = new Set<number>();
      window.setInterval = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
        const id = realSet(handler, timeout, ...rest);
        started.push(id);
        return id;
      }) as typeof window.setInterval;
      window.clearInterval = ((id?: number) => {
        if (id !== undefined) cleared.add(id);
        realClear(id);
      }) as typeof window.clearInterval;
      try {
        const element = await make(html`<innovasjon-tidtaker minutes="1"></innovasjon-tidtaker>`);
        await click(toggle(element));
        skip(10_000);
        await showsSoon(element, '00:50');
        expect(started.length).to.be.greaterThan(0);
        let ended = 0;
        element.addEventListener('innovasjon-timer-end', () => ended++);
        element.remove();
        expect(started.filter((id) => !cleared.has(id))).to.deep.equal([]);
        skip(120_000);
        await aTimeout(600);
        expect(ended).to.equal(0);
        expect(element.isUpdatePending).to.be.false;
        expect(shown(element)).to.equal('00:50');
      } finally {
        window.setInterval = realSet;
        window.clearInterval = realClear;
      }
    });

    it('keeps time when moved in the page while running', async () => {
      const element = await make(html`<innovasjon-tidtaker minutes="1"></innovasjon-tidtaker>`);
      await click(toggle(element));
      const parent = element.parentElement!;
      element.remove();
      skip(15_000);
      parent.append(element);
      await showsSoon(element, '00:45');
    });

    it('sends no event and says nothing when code sets minutes', async () => {
      const element = await make();
      let heard = 0;
      element.addEventListener('innovasjon-timer-end', () => heard++);
      element.minutes = 1;
      await element.updateComplete;
      element.minutes = 15;
      await element.updateComplete;
      skip(20 * 60_000);
      await aTimeout(400);
      expect(heard).to.equal(0);
      expect(statusText(element)).to.equal('');
      expect(shown(element)).to.equal('15:00');
    });
  });
});
