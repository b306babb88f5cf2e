// The React wrappers, rendered by React 19 itself: properties reach the
// element and its events arrive in the `on…` props.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createElement, createRef, useState, type RefObject } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { ChangeDetail, NoteAddDetail, StepChangeDetail } from '../../src/events.js';
import type { GuideDocument } from '../../src/store/types.js';
import { turguide } from '../../src/content/turguide.js';
import { createDocument } from '../../src/store/document.js';
import { GuideStore } from '../../src/store/guide-store.js';
import {
  InnovasjonGuide,
  InnovasjonKort,
  InnovasjonOppfolging,
  InnovasjonOppsummering,
  InnovasjonRomStatus,
  InnovasjonTidtaker,
  InnovasjonTrinn,
  RefleksjonLapp,
  type InnovasjonKortElement,
  type InnovasjonOppfolgingElement,
  type InnovasjonOppsummeringElement,
  type InnovasjonRomStatusElement,
  type InnovasjonTidtakerElement,
  type InnovasjonGuideElement,
  type InnovasjonTrinnElement,
  type RefleksjonLappElement,
} from '../../src/react.js';
import { addButtonOf, cardIn, click, deepText, settled, uniqueKey, deepActiveElement, waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { trinnHarness } from '../innovasjon-trinn/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { FakeRoom } from '../innovasjon-rom-status/fake-room.js';
import { romStatusHarness } from '../innovasjon-rom-status/harness.js';

// Before anything renders: importing the wrappers registered the elements, but neither the timer nor the live room's status,
// whose code the wrappers fetch when one is first rendered.
const definedAtImport = ['innovasjon-guide', 'refleksjon-lapp', 'innovasjon-tidtaker', 'innovasjon-rom-status'].map((tag) => !!customElements.get(tag));

describe('React wrappers (src/react.ts)', () => {
  let container: HTMLElement;
  let root: Root;

  /** Renders `element` with React into a fresh container and waits for the custom element to settle. */
  async function render<T extends HTMLElement>(ref: RefObject<T | null>, element: ReturnType<typeof createElement>) {
    flushSync(() => root.render(element));
    const host = ref.current;
    if (!host) throw new Error('React rendered no element');
    await settled(host);
    return host;
  }

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('importing the wrappers registers the elements but does not fetch the timer or the live room', () => {
    expect(definedAtImport).to.deep.equal([true, true, false, false]);
  });

  it('renders accessible elements with the React props set as properties', async function () {
    this.timeout(15_000); // axe over a whole step: 4.5 s measured on a busy 2-core machine
    const ref = createRef<InnovasjonTrinnElement>();
    const trinn = await render(ref, createElement(InnovasjonTrinn, { ref, number: 2, noStorage: true, readonly: true }));
    expect(trinn.localName).to.equal('innovasjon-trinn');
    expect(trinn).to.include({ number: 2, noStorage: true, readonly: true });
    expect(trinnHarness(trinn).titleAt(2).textContent).to.contain('Identifiser behov');
    await expect(trinn).to.be.accessible();
  });

  it('onNoteAdd, onActionAdd and onChange receive the events of changes made through the element', async () => {
    const added: CustomEvent<NoteAddDetail>[] = [];
    const actions: string[] = [];
    const changed: CustomEvent<ChangeDetail>[] = [];
    const ref = createRef<InnovasjonTrinnElement>();
    const trinn = await render(
      ref,
      createElement(InnovasjonTrinn, {
        ref,
        number: 1,
        storageKey: uniqueKey(),
        onNoteAdd: (event) => added.push(event),
        onActionAdd: (event) => actions.push(event.detail.action.what),
        onChange: (event) => changed.push(event),
      }),
    );
    const note = trinn.addNote('t1-mal', 'Kortere ventetid', { color: 'blue' });
    expect(added.map((event) => event.detail.note)).to.deep.equal([note]);
    expect(changed).to.have.length(1);
    expect(changed[0].detail.data.notes).to.deep.equal([note]);
    trinn.addAction({ step: 1, what: 'Book møte med rådmannen' });
    expect(actions).to.deep.equal(['Book møte med rådmannen']);
    expect(changed).to.have.length(2);
  });

  it('a note typed by a person reaches onNoteAdd; a replaced handler is the one called', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const ref = createRef<InnovasjonTrinnElement>();
    const props = { ref, number: 1, noStorage: true };
    const trinn = await render(ref, createElement(InnovasjonTrinn, { ...props, onNoteAdd: (e) => first.push(e.detail.note.text) }));
    await render(ref, createElement(InnovasjonTrinn, { ...props, onNoteAdd: (e) => second.push(e.detail.note.text) }));
    await click(addButtonOf(cardIn(trinn, 't1-team')));
    await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
    await sendKeys({ type: 'Tverrfaglig team' });
    await sendKeys({ press: 'Enter' });
    await settled(trinn);
    expect(first).to.deep.equal([]);
    expect(second).to.deep.equal(['Tverrfaglig team']);
  });

  it('onStepChange hears a click in the guide’s navigation', async () => {
    const steps: StepChangeDetail[] = [];
    const ref = createRef<InnovasjonGuideElement>();
    const guide = await render(
      ref,
      createElement(InnovasjonGuide, { ref, noStorage: true, onStepChange: (event) => steps.push(event.detail) }),
    );
    const [, third] = guideHarness(guide).stepButtons;
    await click(third);
    await settled(guide);
    expect(steps).to.deep.equal([{ step: 1, previous: 0 }]);
    expect(guide.step).to.equal(1);
  });

  it('an app’s state after a reload: onLoad brings the stored document, onChange of a guide and of a step alone keep it', async () => {
    // A reload: the notes are in localStorage before the app renders.
    const key = uniqueKey();
    const stored = new GuideStore({ document: createDocument() });
    const kept = stored.addNote({ cardId: 't1-mal', text: 'Fra forrige gang' });
    localStorage.setItem(key, JSON.stringify(stored.document));
    // The README's example: state from onLoad and onChange, on the guide and on a step shown alone with the same key.
    let shown: GuideDocument | null = null;
    function App() {
      const [data, setData] = useState<GuideDocument | null>(null);
      shown = data;
      const keep = (event: CustomEvent<{ data: GuideDocument }>) => setData(event.detail.data);
      return createElement(
        'div',
        null,
        createElement(InnovasjonGuide, { storageKey: key, onLoad: keep, onChange: keep }),
        createElement(InnovasjonTrinn, { number: 1, storageKey: key, onLoad: keep, onChange: keep }),
        createElement('output', null, data ? `${data.notes.length} lapper` : 'laster'),
      );
    }
    flushSync(() => root.render(createElement(App)));
    await waitUntil(() => container.querySelector('output')?.textContent === '1 lapper', 'the stored note reaches the app');
    expect(shown!.notes.map((note) => note.id)).to.deep.equal([kept.id]);
    // A note added in the step alone is announced from the step: its onChange keeps the app's state right.
    const trinn = container.querySelector('innovasjon-trinn')!;
    await settled(trinn);
    trinn.addNote('t1-team', 'Ny i trinnet');
    await waitUntil(() => container.querySelector('output')?.textContent === '2 lapper', 'the step’s change reaches the app');
  });

  it('RefleksjonLapp maps refleksjon-lapp-change and -cancel, the old change and cancel (0.2.x), and the delete request', async () => {
    const heard: string[] = [];
    const ref = createRef<RefleksjonLappElement>();
    const lapp = await render(
      ref,
      createElement(RefleksjonLapp, {
        ref,
        text: 'Hei',
        color: 'green',
        onLappChange: (event) => heard.push(`lapp-change:${event.detail.text}`),
        onLappCancel: (event) => heard.push(`lapp-cancel:${event.detail.text}`),
        onChange: (event) => heard.push(`change:${event.detail.text}`),
        onCancel: () => heard.push('cancel'),
        onDelete: (event) => {
          heard.push('delete');
          event.preventDefault();
        },
      }),
    );
    expect(lapp.getAttribute('color')).to.equal('green');
    await click(harness(lapp).textButton);
    await lapp.updateComplete;
    await sendKeys({ type: '!' });
    await sendKeys({ press: 'Enter' });
    await lapp.updateComplete;
    await click(harness(lapp).textButton);
    await lapp.updateComplete;
    await sendKeys({ press: 'Escape' });
    await lapp.updateComplete;
    await harness(lapp).choose('Slett');
    expect(heard).to.deep.equal(['lapp-change:Hei!', 'change:Hei!', 'lapp-cancel:Hei!', 'cancel', 'delete']);
  });

  it('wraps every element: a card, the follow-up and the summary show the store they are given; the timer takes its length', async () => {
    const store = new GuideStore({ document: createDocument() });
    store.addNote({ cardId: 't1-mal', text: 'Fra React' });
    store.addAction({ step: 1, what: 'Ring rådmannen' });
    const kortRef = createRef<InnovasjonKortElement>();
    const kort = await render(kortRef, createElement(InnovasjonKort, { ref: kortRef, store, card: turguide.steps[0].cards[0], readonly: true }));
    expect(deepText(kort)).to.contain('Fra React');
    const followRef = createRef<InnovasjonOppfolgingElement>();
    const follow = await render(followRef, createElement(InnovasjonOppfolging, { ref: followRef, store, step: 1, readonly: true }));
    expect(deepText(follow)).to.contain('Ring rådmannen');
    const summaryRef = createRef<InnovasjonOppsummeringElement>();
    const summary = await render(summaryRef, createElement(InnovasjonOppsummering, { ref: summaryRef, store }));
    expect(deepText(summary)).to.contain('Ring rådmannen');
    const timerRef = createRef<InnovasjonTidtakerElement>();
    const timer = await render(timerRef, createElement(InnovasjonTidtaker, { ref: timerRef, minutes: 3 }));
    // The timer's code is fetched when the first one renders; the minutes set before it came are taken over.
    await customElements.whenDefined('innovasjon-tidtaker');
    await settled(timer);
    expect(timer.minutes).to.equal(3);
    expect(deepText(timer)).to.contain('03:00');
  });

  it('InnovasjonRomStatus fetches the live room’s code when first rendered and shows the room it is given', async () => {
    const room = new FakeRoom({ state: { status: 'connecting' } });
    const ref = createRef<InnovasjonRomStatusElement>();
    const status = await render(ref, createElement(InnovasjonRomStatus, { ref, room: room.asRoom }));
    await customElements.whenDefined('innovasjon-rom-status');
    await waitUntil(() => deepText(status).includes('Kobler til rommet'), 'the status shows the room');
    room.set({ state: { status: 'offline' } });
    await waitUntil(() => romStatusHarness(status).status === 'offline', 'it follows the room');
  });
});
