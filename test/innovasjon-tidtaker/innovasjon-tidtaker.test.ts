import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-tidtaker/innovasjon-tidtaker.js';
import { systemClock, type InnovasjonTidtaker } from '../../src/innovasjon-tidtaker/innovasjon-tidtaker.component.js';
import { click, deepActiveElement, liveRegion, waitUntil } from '../helpers.js';
import { tidtakerHarness } from './harness.js';
import { ManualClock } from '../manual-clock.js';

// Every test runs the timer on a manual clock: time moves only when the test
// moves it, so the display is checked exactly, whatever the machine is doing.

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

let clock: ManualClock;

const make = (minutes?: number) =>
  fixture<InnovasjonTidtaker>(
    minutes === undefined
      ? html`<innovasjon-tidtaker .clock=${clock}></innovasjon-tidtaker>`
      : html`<innovasjon-tidtaker minutes=${minutes} .clock=${clock}></innovasjon-tidtaker>`,
  );

const timer = tidtakerHarness;
const shown = (element: InnovasjonTidtaker) => timer(element).shown;
/** What the page's one live region says (the timer speaks through it, as every element does). */
const statusText = (_element: InnovasjonTidtaker) => liveRegion()?.textContent?.trim() ?? '';
beforeEach(() => liveRegion()?.replaceChildren());
const toggle = (element: InnovasjonTidtaker) => timer(element).toggle;
const toggleText = (element: InnovasjonTidtaker) => toggle(element).textContent!.trim();
const select = (element: InnovasjonTidtaker) => timer(element).select;

/** Clicks the Start/Pause/Fortsett button and waits until it has taken effect. */
async function clickToggle(element: InnovasjonTidtaker, expectedLabel: 'Pause' | 'Fortsett') {
  await click(toggle(element));
  await waitUntil(() => toggleText(element) === expectedLabel, `the button should read ${expectedLabel}, reads ${toggleText(element)}`);
}

/** Moves the clock forward and waits for the element to show what that did. */
async function advance(element: InnovasjonTidtaker, milliseconds: number) {
  clock.advance(milliseconds);
  await element.updateComplete;
}

/** Waits for the polite status region to say `text` (it is emptied first, then filled, over two updates). */
const announced = (element: InnovasjonTidtaker, text: string) =>
  // The page's region speaks a frame's messages together: a reset from the test before may share the frame.
  waitUntil(() => statusText(element).endsWith(text), `expected "${text}" in the status region, it says "${statusText(element)}"`);

/** Counts `innovasjon-timer-end` events and keeps the last one. */
function listenForEnd(element: InnovasjonTidtaker) {
  const heard: CustomEvent[] = [];
  element.addEventListener('innovasjon-timer-end', (event) => heard.push(event));
  return heard;
}

describe('<innovasjon-tidtaker>', function () {
  this.timeout(15_000); // real clicks and axe (no waiting for time): up to 6 s measured on a busy 2-core machine
  beforeEach(() => {
    clock = new ManualClock();
  });

  describe('accessibility', () => {
    it('passes axe at rest, running, paused and when the time is up', async () => {
      const element = await make(1);
      await expect(element).to.be.accessible();
      await clickToggle(element, 'Pause');
      await advance(element, 5_000);
      await expect(element).to.be.accessible();
      await clickToggle(element, 'Fortsett');
      await expect(element).to.be.accessible();
      await clickToggle(element, 'Pause');
      await advance(element, 55_000);
      expect(shown(element)).to.equal('00:00');
      await expect(element).to.be.accessible();
    });

    it('is a timer that does not chatter, labelled "Gjenstående tid", and speaks through the page\'s polite region', async () => {
      const element = await make();
      const region = timer(element).timer;
      expect(region.getAttribute('aria-live')).to.equal('off');
      const label = timer(element).labelOf(region);
      expect(label.textContent!.trim()).to.equal('Gjenstående tid');
      element.start();
      await waitUntil(() => statusText(element) !== '', 'the start is announced');
      expect(liveRegion()!.getAttribute('aria-live')).to.equal('polite');
      element.reset();
      expect(timer(element).selectLabel.textContent!.trim()).to.equal('Varighet');
    });
  });

  describe('defaults and attributes', () => {
    it('defaults to 5 minutes, shown as 05:00, not running, on the system clock', async () => {
      const fresh = document.createElement('innovasjon-tidtaker');
      expect(fresh.minutes).to.equal(5);
      expect(fresh.clock === systemClock, 'the default clock is systemClock').to.be.true;
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
      expect(toggleText(element)).to.equal('Start');
      expect(timer(element).message).to.equal(null);
      expect(clock.running, 'nothing ticks before Start').to.equal(0);
    });

    it('reads minutes from its attribute and follows changes to it', async () => {
      const element = await fixture<InnovasjonTidtaker>(html`<innovasjon-tidtaker minutes="15"></innovasjon-tidtaker>`);
      expect(element.minutes).to.equal(15);
      expect(shown(element)).to.equal('15:00');
      element.setAttribute('minutes', '3');
      await element.updateComplete;
      expect(element.minutes).to.equal(3);
      expect(shown(element)).to.equal('03:00');
      expect(select(element).value).to.equal('3');
    });

    it('falls back to 5 minutes for a value that is not a length, and offers another length it is given', async () => {
      const element = await fixture<InnovasjonTidtaker>(html`<innovasjon-tidtaker minutes="nei"></innovasjon-tidtaker>`);
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
      const element = await make(1);
      const ended = listenForEnd(element);
      await clickToggle(element, 'Pause');
      await announced(element, 'Tidtakeren går: 1 minutt');
      await advance(element, 750);
      expect(shown(element), 'whole seconds left are rounded up').to.equal('01:00');
      await advance(element, 250);
      expect(shown(element)).to.equal('00:59');
      await advance(element, 29_000);
      expect(shown(element)).to.equal('00:30');
      await advance(element, 29_750);
      expect(shown(element)).to.equal('00:01');
      expect(ended.length, 'no end with a quarter second left').to.equal(0);
      expect(timer(element).message).to.equal(null);

      await advance(element, 250);
      expect(ended.length).to.equal(1);
      expect(ended[0].detail).to.deep.equal({ minutes: 1 });
      expect(ended[0].bubbles && ended[0].composed).to.be.true;
      expect(shown(element)).to.equal('00:00');
      expect(timer(element).message!.textContent!.trim()).to.equal('Tiden er ute!');
      await announced(element, 'Tiden er ute');
      expect(toggleText(element)).to.equal('Start');
      expect(clock.running, 'it stops ticking at the end').to.equal(0);
      await advance(element, 60_000);
      expect(ended.length, 'the end is sent once').to.equal(1);
    });

    it('announces the chosen length in minutes', async () => {
      const element = await make();
      await clickToggle(element, 'Pause');
      await announced(element, 'Tidtakeren går: 5 minutter');
    });

    it('Pause stops the time; Fortsett goes on from there', async () => {
      const element = await make(1);
      const ended = listenForEnd(element);
      await clickToggle(element, 'Pause');
      await advance(element, 10_000);
      expect(shown(element)).to.equal('00:50');
      await clickToggle(element, 'Fortsett');
      await announced(element, 'Tidtakeren er satt på pause');
      expect(clock.running, 'nothing ticks while paused').to.equal(0);
      await advance(element, 20_000);
      expect(shown(element)).to.equal('00:50');
      await clickToggle(element, 'Pause');
      await announced(element, 'Tidtakeren går videre');
      await advance(element, 5_000);
      expect(shown(element)).to.equal('00:45');
      await advance(element, 44_750);
      expect(shown(element), 'the pause took nothing off the time').to.equal('00:01');
      expect(ended.length).to.equal(0);
      await advance(element, 250);
      expect(ended.length).to.equal(1);
    });

    it('a pause between ticks keeps the time left to the millisecond', async () => {
      const element = await make(1);
      const ended = listenForEnd(element);
      await clickToggle(element, 'Pause');
      await advance(element, 10_300); // the last tick was at 10 250 ms
      await clickToggle(element, 'Fortsett');
      expect(shown(element)).to.equal('00:50'); // 49.7 s left, rounded up
      await advance(element, 60_000);
      await clickToggle(element, 'Pause');
      await advance(element, 48_750);
      expect(shown(element), '0.95 s left: not rounded to 50 s at the pause').to.equal('00:01');
      await advance(element, 750);
      expect(ended.length, '0.2 s left: not rounded to 49 s at the pause').to.equal(0);
      await advance(element, 250);
      expect(ended.length).to.equal(1);
    });

    it('Nullstill stops it and sets the full length back; after the end, Start starts over', async () => {
      const element = await make(1);
      await clickToggle(element, 'Pause');
      await advance(element, 20_000);
      expect(shown(element)).to.equal('00:40');
      await click(timer(element).resetButton);
      await waitUntil(() => toggleText(element) === 'Start', 'Nullstill stops it');
      expect(shown(element)).to.equal('01:00');
      await announced(element, 'Tidtakeren er nullstilt');
      expect(clock.running, 'nothing ticks after Nullstill').to.equal(0);
      await advance(element, 20_000);
      expect(shown(element)).to.equal('01:00');

      const ended = listenForEnd(element);
      await clickToggle(element, 'Pause');
      await advance(element, 60_000);
      expect(ended.length).to.equal(1);
      await waitUntil(() => toggleText(element) === 'Start', 'the button reads Start after the end');
      await clickToggle(element, 'Pause');
      expect(timer(element).message).to.equal(null);
      expect(shown(element)).to.equal('01:00');
      await advance(element, 1_000);
      expect(shown(element)).to.equal('00:59');
    });

    it('choosing a length with the keyboard sets minutes and the display; Enter on Start starts', async () => {
      const element = await make();
      select(element).focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => element.minutes === 10, `ArrowDown should choose 10 minutes, minutes is ${element.minutes}`);
      await element.updateComplete;
      expect(shown(element)).to.equal('10:00');
      await sendKeys({ press: 'Tab' });
      expectFocusOn(toggle(element));
      await sendKeys({ press: 'Enter' });
      await announced(element, 'Tidtakeren går: 10 minutter');
      await advance(element, 60_000);
      expect(shown(element)).to.equal('09:00');
    });

    it('never takes focus: typing elsewhere goes on while it runs and ends', async () => {
      const [element, input] = [await make(1), await fixture<HTMLInputElement>(html`<input aria-label="Lapp" />`)];
      const ended = listenForEnd(element);
      await clickToggle(element, 'Pause');
      await click(input);
      await sendKeys({ type: 'Vi skriver' });
      await advance(element, 60_000);
      expect(ended.length).to.equal(1);
      await sendKeys({ type: ' videre' });
      expect(input.value).to.equal('Vi skriver videre');
      expectFocusOn(input);
    });
  });

  describe('clock', () => {
    it('stops every tick it started when removed, and then does nothing more', async () => {
      const element = await make(1);
      const ended = listenForEnd(element);
      await clickToggle(element, 'Pause');
      await advance(element, 10_000);
      expect(shown(element)).to.equal('00:50');
      expect(clock.running).to.equal(1);
      element.remove();
      expect(clock.running, 'no ticks left running after removal').to.equal(0);
      clock.advance(120_000);
      expect(ended.length).to.equal(0);
      expect(element.isUpdatePending).to.be.false;
      expect(shown(element)).to.equal('00:50');
    });

    it('keeps time when moved in the page while running', async () => {
      const element = await make(1);
      await clickToggle(element, 'Pause');
      const parent = element.parentElement!;
      element.remove();
      clock.advance(15_000);
      parent.append(element);
      expect(clock.running, 'ticking again once back in the page').to.equal(1);
      await advance(element, 250);
      expect(shown(element)).to.equal('00:45'); // 44.75 s left, rounded up
    });

    it('keeps right time in a throttled background tab, and shows it at once when the tab comes back', async () => {
      const element = await make(1);
      await clickToggle(element, 'Pause');
      clock.jump(30_000); // no ticks at all: the tab was throttled
      await advance(element, 250);
      expect(shown(element), 'one late tick shows the time by the clock, not by ticks counted').to.equal('00:30');

      clock.jump(20_000);
      await element.updateComplete;
      expect(shown(element)).to.equal('00:30');
      document.dispatchEvent(new Event('visibilitychange'));
      await element.updateComplete;
      expect(shown(element), 'coming back to the tab shows the time without waiting for a tick').to.equal('00:10');
    });

    it('takes over the time left when given another clock while running', async () => {
      const element = await make(1);
      await clickToggle(element, 'Pause');
      await advance(element, 10_000);
      const serverClock = new ManualClock(Date.UTC(2030, 5, 1));
      element.clock = serverClock;
      expect(element.clock === serverClock).to.be.true;
      expect(clock.running, 'the old clock no longer ticks for it').to.equal(0);
      expect(serverClock.running).to.equal(1);
      serverClock.advance(5_000);
      await element.updateComplete;
      expect(shown(element)).to.equal('00:45');
    });

    it('sends no event and says nothing when code sets minutes', async () => {
      const element = await make();
      const ended = listenForEnd(element);
      element.minutes = 1;
      await element.updateComplete;
      element.minutes = 15;
      await element.updateComplete;
      clock.advance(20 * 60_000);
      await element.updateComplete;
      expect(ended.length).to.equal(0);
      expect(statusText(element)).to.equal('');
      expect(shown(element)).to.equal('15:00');
      expect(clock.running).to.equal(0);
    });

    it('the system clock reads Date.now and ticks with setInterval, which it clears when stopped', () => {
      const before = Date.now();
      const now = systemClock.now();
      expect(now).to.be.within(before, Date.now());

      const realSet = window.setInterval;
      const realClear = window.clearInterval;
      const started: Array<[number, unknown]> = [];
      const cleared: number[] = [];
      window.setInterval = ((handler: TimerHandler, timeout?: number) => {
        const id = realSet(handler, timeout);
        started.push([id, timeout]);
        return id;
      }) as typeof window.setInterval;
      window.clearInterval = ((id?: number) => {
        if (id !== undefined) cleared.push(id);
        realClear(id);
      }) as typeof window.clearInterval;
      try {
        const stop = systemClock.every(250, () => {});
        expect(started.length).to.equal(1);
        expect(started[0][1]).to.equal(250);
        stop();
        expect(cleared).to.deep.equal([started[0][0]]);
      } finally {
        window.setInterval = realSet;
        window.clearInterval = realClear;
      }
    });
  });
});
