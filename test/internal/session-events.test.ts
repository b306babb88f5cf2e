import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { featureLoaders } from '../../src/internal/load-feature.js';
import { PageSession } from '../../src/sources/session-keeper.js';
import type { PageGuide } from '../../src/sources/page-guide.js';
import { expectAnnounced, settled, waitUntil } from '../helpers.js';

const pageGuideOf = (guide: InnovasjonGuide) => (guide as unknown as { guide: { guide: PageGuide } }).guide.guide;

/** Holds the session events' chunk back until `release()`; counts how often it is asked for. */
function holdSessionEvents() {
  const original = featureLoaders.sessionEvents;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = { asked: 0, release, restore: () => (featureLoaders.sessionEvents = original) };
  featureLoaders.sessionEvents = () => {
    held.asked++;
    return released.then(original);
  };
  return held;
}

// The session's events are a chunk fetched when the session first moves (src/internal/session-events.ts).
describe('the session\'s events, fetched when the session first moves', () => {
  afterEach(() => fixtureCleanup());

  it('tells every change made while the chunk was on its way, once each and in order', async () => {
    const held = holdSessionEvents();
    const heard: unknown[] = [];
    const listener = (event: Event) => heard.push((event as CustomEvent).detail);
    document.addEventListener('innovasjon-phase-change', listener);
    try {
      const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="2"></innovasjon-guide>`);
      await settled(guide);
      expect(held.asked, 'nothing fetched before the session moves').to.equal(0);
      guide.setPhase('write');
      guide.setPhase('vote');
      guide.setPhase(null);
      guide.setPhase('agree', { step: 3 });
      await settled(guide);
      expect(heard, 'nothing told before the chunk is here').to.deep.equal([]);
      expect(held.asked, 'fetched once').to.equal(1);
      held.release();
      await waitUntil(() => heard.length === 4, 'the four changes are heard');
      expect(heard).to.deep.equal([
        { step: 2, phase: 'write', hidden: false },
        { step: 2, phase: 'vote', hidden: false },
        { step: null, phase: null, hidden: false },
        { step: 3, phase: 'agree', hidden: false },
      ]);
      await expectAnnounced('Ny fase på trinn 3: Bli enige.');
      guide.setPhase(null);
      await waitUntil(() => heard.length === 5, 'a later change is heard at once');
      expect(heard.at(-1)).to.deep.equal({ step: null, phase: null, hidden: false });
    } finally {
      held.restore();
      document.removeEventListener('innovasjon-phase-change', listener);
    }
  });

  it('a session keeper replaced by one in the same state fetches nothing and tells nothing', async () => {
    const held = holdSessionEvents();
    const heard: unknown[] = [];
    const listener = (event: Event) => heard.push((event as CustomEvent).detail);
    document.addEventListener('innovasjon-phase-change', listener);
    try {
      const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
      await settled(guide);
      pageGuideOf(guide).useSession(new PageSession());
      await settled(guide);
      expect(held.asked).to.equal(0);
      expect(heard).to.deep.equal([]);
    } finally {
      held.restore();
      document.removeEventListener('innovasjon-phase-change', listener);
    }
  });
});
