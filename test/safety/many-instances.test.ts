import { expect, fixture, html } from '@open-wc/testing';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { settled, uniqueKey } from '../helpers.js';

/** Counts listeners and timers that are added and not taken away again. */
function countLeaks() {
  // Listeners added and not removed, by target and type; removing one never added counts for nothing.
  const live = new Map<string, Set<unknown>>();
  const targets = [window, document] as EventTarget[];
  const restore: (() => void)[] = [];
  for (const target of targets) {
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    const name = target === window ? 'window' : 'document';
    target.addEventListener = function (type: string, listener: unknown, ...rest: unknown[]) {
      const key = `${name}:${type}`;
      live.set(key, (live.get(key) ?? new Set()).add(listener));
      return add.call(this, type, listener as EventListener, ...(rest as []));
    };
    target.removeEventListener = function (type: string, listener: unknown, ...rest: unknown[]) {
      live.get(`${name}:${type}`)?.delete(listener);
      return remove.call(this, type, listener as EventListener, ...(rest as []));
    };
    restore.push(() => {
      target.addEventListener = add;
      target.removeEventListener = remove;
    });
  }
  const timers = new Set<number>();
  const { setTimeout: set, clearTimeout: clear, setInterval: setI, clearInterval: clearI } = window;
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = set(() => {
      timers.delete(id);
      (fn as (...a: unknown[]) => void)(...args);
    }, ms);
    timers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    timers.delete(id!);
    clear(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((fn: TimerHandler, ms?: number) => {
    const id = setI(fn, ms);
    timers.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    timers.delete(id!);
    clearI(id);
  }) as typeof window.clearInterval;
  restore.push(() => Object.assign(window, { setTimeout: set, clearTimeout: clear, setInterval: setI, clearInterval: clearI }));
  return {
    listeners: () => [...live].filter(([, set]) => set.size > 0).map(([key, set]) => `${key} × ${set.size}`),
    timers: () => timers.size,
    restore: () => restore.forEach((undo) => undo()),
  };
}

describe('many instances', function () {
  this.timeout(20_000); // ten guides at once, or five rounds of one: over 5 s measured on a busy 2-core machine
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('ten guides with different keys on one page stay independent', async () => {
    const keys = Array.from({ length: 10 }, () => uniqueKey());
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>${keys.map((key) => html`<innovasjon-guide storage-key=${key} step="1"></innovasjon-guide>`)}</div>`,
    );
    const guides = [...wrapper.querySelectorAll('innovasjon-guide')] as InnovasjonGuide[];
    guides.forEach((guide, index) => guide.addNote('t1-mal', `Guide ${index}`));
    await settled(wrapper);
    guides.forEach((guide, index) => expect(guide.data.notes.map((n) => n.text)).to.deep.equal([`Guide ${index}`]));
    wrapper.remove();
    keys.forEach((key, index) => expect(JSON.parse(localStorage.getItem(key)!).notes[0].text).to.equal(`Guide ${index}`));
  });

  it('removing and re-adding an element leaks no listeners or timers', async () => {
    const leaks = countLeaks();
    try {
      const key = uniqueKey();
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      for (let round = 0; round < 5; round++) {
        const guide = document.createElement('innovasjon-guide');
        guide.storageKey = key;
        guide.step = 1;
        host.append(guide);
        await settled(guide);
        guide.addNote('t1-mal', `Runde ${round}`);
        await settled(guide);
        guide.remove();
        host.append(guide); // moved back
        await settled(guide);
        guide.remove();
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(leaks.listeners()).to.deep.equal([]);
      expect(leaks.timers()).to.equal(0);
      expect(JSON.parse(localStorage.getItem(key)!).notes).to.have.length(5);
    } finally {
      leaks.restore();
    }
  });
});
