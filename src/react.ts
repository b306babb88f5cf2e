// React components for the elements, made with @lit/react: properties are set
// as properties, and each event arrives in an `on…` prop with its typed detail.
//
//   import { InnovasjonGuide } from 'innovasjonsguide/react.js';
//   <InnovasjonGuide storageKey="min-kommune" onChange={(e) => save(e.detail.data)} />
//
// Importing this module registers the elements it wraps, except the timer and
// the live room's status: their code is a chunk of its own in the bundle, so
// their wrappers fetch it when first rendered, not when an app starts. React is
// a peer dependency: the app brings its own.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type {
  ActionAddDetail,
  ActionChangeDetail,
  ActionRemoveDetail,
  ChangeDetail,
  ErrorDetail,
  LappEventMap,
  LoadDetail,
  NoteAddDetail,
  NoteChangeDetail,
  NoteRemoveDetail,
  StepChangeDetail,
  VoteDetail,
} from './events.js';
import { InnovasjonGuide as InnovasjonGuideElement } from './innovasjon-guide/innovasjon-guide.js';
import { InnovasjonKort as InnovasjonKortElement } from './innovasjon-kort/innovasjon-kort.js';
import { InnovasjonOppfolging as InnovasjonOppfolgingElement } from './innovasjon-oppfolging/innovasjon-oppfolging.js';
import { InnovasjonOppsummering as InnovasjonOppsummeringElement } from './innovasjon-oppsummering/innovasjon-oppsummering.js';
import type { InnovasjonRomStatus as InnovasjonRomStatusElement } from './innovasjon-rom-status/innovasjon-rom-status.component.js';
import type { InnovasjonTidtaker as InnovasjonTidtakerElement, TimerEndDetail } from './innovasjon-tidtaker/innovasjon-tidtaker.component.js';
import { InnovasjonTrinn as InnovasjonTrinnElement } from './innovasjon-trinn/innovasjon-trinn.js';
import { RefleksjonLapp as RefleksjonLappElement } from './refleksjon-lapp/refleksjon-lapp.js';

/** The document events `<innovasjon-guide>` and `<innovasjon-trinn>` both send (see src/events.ts). */
const documentEvents = {
  onNoteAdd: 'innovasjon-note-add' as EventName<CustomEvent<NoteAddDetail>>,
  onNoteChange: 'innovasjon-note-change' as EventName<CustomEvent<NoteChangeDetail>>,
  onNoteRemove: 'innovasjon-note-remove' as EventName<CustomEvent<NoteRemoveDetail>>,
  onVote: 'innovasjon-vote' as EventName<CustomEvent<VoteDetail>>,
  onActionAdd: 'innovasjon-action-add' as EventName<CustomEvent<ActionAddDetail>>,
  onActionChange: 'innovasjon-action-change' as EventName<CustomEvent<ActionChangeDetail>>,
  onActionRemove: 'innovasjon-action-remove' as EventName<CustomEvent<ActionRemoveDetail>>,
  onChange: 'innovasjon-change' as EventName<CustomEvent<ChangeDetail>>,
  onError: 'innovasjon-error' as EventName<CustomEvent<ErrorDetail>>,
};

/** The stored document is loaded (`innovasjon-load`): the state to start from after a reload. Sent by a guide and a step alone. */
const onLoad = 'innovasjon-load' as EventName<CustomEvent<LoadDetail>>;

/** `<innovasjon-guide>`: the whole guide. */
export const InnovasjonGuide = createComponent({
  react: React,
  tagName: 'innovasjon-guide',
  elementClass: InnovasjonGuideElement,
  displayName: 'InnovasjonGuide',
  events: {
    ...documentEvents,
    onLoad,
    onStepChange: 'innovasjon-step-change' as EventName<CustomEvent<StepChangeDetail>>,
  },
});

/** `<innovasjon-trinn>`: one step alone. */
export const InnovasjonTrinn = createComponent({
  react: React,
  tagName: 'innovasjon-trinn',
  elementClass: InnovasjonTrinnElement,
  displayName: 'InnovasjonTrinn',
  events: { ...documentEvents, onLoad },
});

/**
 * `<refleksjon-lapp>`: one sticky note. The note only asks: the host changes the document (`onDelete` may call `preventDefault()`).
 * `onLappChange` and `onLappCancel` hear `refleksjon-lapp-change` and `-cancel`; `onChange` and `onCancel`, the old names, still
 * work in 0.2.x and go in 0.3.0.
 */
export const RefleksjonLapp = createComponent({
  react: React,
  tagName: 'refleksjon-lapp',
  elementClass: RefleksjonLappElement,
  displayName: 'RefleksjonLapp',
  events: {
    onLappChange: 'refleksjon-lapp-change' as EventName<LappEventMap['refleksjon-lapp-change']>,
    onLappCancel: 'refleksjon-lapp-cancel' as EventName<LappEventMap['refleksjon-lapp-cancel']>,
    /** @deprecated Since 0.2.0: use `onLappChange`; goes in 0.3.0. */
    onChange: 'change' as EventName<LappEventMap['change']>,
    /** @deprecated Since 0.2.0: use `onLappCancel`; goes in 0.3.0. */
    onCancel: 'cancel' as EventName<LappEventMap['cancel']>,
    onDelete: 'refleksjon-lapp-delete' as EventName<LappEventMap['refleksjon-lapp-delete']>,
    onVote: 'refleksjon-lapp-vote' as EventName<LappEventMap['refleksjon-lapp-vote']>,
    onMove: 'refleksjon-lapp-move' as EventName<LappEventMap['refleksjon-lapp-move']>,
  },
});

/** `<innovasjon-kort>`: one question card with its notes, showing the store of the guide around it or its `store`. */
export const InnovasjonKort = createComponent({
  react: React,
  tagName: 'innovasjon-kort',
  elementClass: InnovasjonKortElement,
  displayName: 'InnovasjonKort',
  events: documentEvents,
});

/** `<innovasjon-oppfolging>`: the follow-up actions of one step. */
export const InnovasjonOppfolging = createComponent({
  react: React,
  tagName: 'innovasjon-oppfolging',
  elementClass: InnovasjonOppfolgingElement,
  displayName: 'InnovasjonOppfolging',
  events: {
    onActionAdd: documentEvents.onActionAdd,
    onActionChange: documentEvents.onActionChange,
    onActionRemove: documentEvents.onActionRemove,
  },
});

/** `<innovasjon-oppsummering>`: the summary sheet of the whole journey. */
export const InnovasjonOppsummering = createComponent({
  react: React,
  tagName: 'innovasjon-oppsummering',
  elementClass: InnovasjonOppsummeringElement,
  displayName: 'InnovasjonOppsummering',
});

/**
 * The shape @lit/react needs of an element whose code is not loaded yet: its name and which props are properties
 * (set as properties before the element upgrades; Lit takes them over when it does).
 */
function shapeOf<T extends HTMLElement>(name: string, properties: readonly (keyof T & string)[]): { new (): T; prototype: T } {
  return { name, prototype: Object.fromEntries(properties.map((each) => [each, undefined])) } as unknown as { new (): T; prototype: T };
}

/** A wrapper that fetches its element's code (`load`) the first time one is rendered. */
function loadedOnMount<C extends React.ForwardRefExoticComponent<never>>(component: C, load: () => Promise<unknown>): C {
  let loading: Promise<unknown> | undefined;
  const Loaded = React.forwardRef<unknown, object>((props, ref) => {
    React.useEffect(() => {
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
    }, []);
    return React.createElement(component as unknown as React.ElementType, { ...props, ref });
  });
  Loaded.displayName = component.displayName ?? '';
  return Loaded as unknown as C;
}

/** `<innovasjon-tidtaker>`: the timebox for silent writing. Its code (the bundle's timer chunk) is fetched when one is first rendered. */
export const InnovasjonTidtaker = loadedOnMount(
  createComponent({
    react: React,
    tagName: 'innovasjon-tidtaker',
    elementClass: shapeOf<InnovasjonTidtakerElement>('InnovasjonTidtaker', ['minutes', 'clock']),
    displayName: 'InnovasjonTidtaker',
    events: { onTimerEnd: 'innovasjon-timer-end' as EventName<CustomEvent<TimerEndDetail>> },
  }),
  () => import('./innovasjon-tidtaker/innovasjon-tidtaker.js'),
);

/**
 * `<innovasjon-rom-status>`: a live room's connection and who is in it, for the `room` (a `LiveRoom` from
 * `innovasjonsguide/collab.js`). Its code comes with the live room's chunk, fetched when one is first rendered.
 */
export const InnovasjonRomStatus = loadedOnMount(
  createComponent({
    react: React,
    tagName: 'innovasjon-rom-status',
    elementClass: shapeOf<InnovasjonRomStatusElement>('InnovasjonRomStatus', ['room']),
    displayName: 'InnovasjonRomStatus',
  }),
  () => import('./features/live.js'),
);

export type {
  InnovasjonGuideElement,
  InnovasjonKortElement,
  InnovasjonOppfolgingElement,
  InnovasjonOppsummeringElement,
  InnovasjonRomStatusElement,
  InnovasjonTidtakerElement,
  InnovasjonTrinnElement,
  RefleksjonLappElement,
};
