// React components for the elements, made with @lit/react: properties are set
// as properties, and each event arrives in an `on…` prop with its typed detail.
//
//   import { InnovasjonGuide } from 'innovasjonsguide/react.js';
//   <InnovasjonGuide storageKey="min-kommune" onChange={(e) => save(e.detail.data)} />
//
// Importing this module registers the elements it wraps. React is a peer
// dependency: the app brings its own.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type {
  ActionAddDetail,
  ActionChangeDetail,
  ActionRemoveDetail,
  ChangeDetail,
  ErrorDetail,
  LappEventMap,
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
import { InnovasjonTidtaker as InnovasjonTidtakerElement, type TimerEndDetail } from './innovasjon-tidtaker/innovasjon-tidtaker.js';
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

/** `<innovasjon-guide>`: the whole guide. */
export const InnovasjonGuide = createComponent({
  react: React,
  tagName: 'innovasjon-guide',
  elementClass: InnovasjonGuideElement,
  displayName: 'InnovasjonGuide',
  events: {
    ...documentEvents,
    onStepChange: 'innovasjon-step-change' as EventName<CustomEvent<StepChangeDetail>>,
  },
});

/** `<innovasjon-trinn>`: one step alone. */
export const InnovasjonTrinn = createComponent({
  react: React,
  tagName: 'innovasjon-trinn',
  elementClass: InnovasjonTrinnElement,
  displayName: 'InnovasjonTrinn',
  events: documentEvents,
});

/** `<refleksjon-lapp>`: one sticky note. The note only asks: the host changes the document (`onDelete` may call `preventDefault()`). */
export const RefleksjonLapp = createComponent({
  react: React,
  tagName: 'refleksjon-lapp',
  elementClass: RefleksjonLappElement,
  displayName: 'RefleksjonLapp',
  events: {
    onChange: 'change' as EventName<LappEventMap['change']>,
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

/** `<innovasjon-tidtaker>`: the timebox for silent writing. */
export const InnovasjonTidtaker = createComponent({
  react: React,
  tagName: 'innovasjon-tidtaker',
  elementClass: InnovasjonTidtakerElement,
  displayName: 'InnovasjonTidtaker',
  events: { onTimerEnd: 'innovasjon-timer-end' as EventName<CustomEvent<TimerEndDetail>> },
});

export type {
  InnovasjonGuideElement,
  InnovasjonKortElement,
  InnovasjonOppfolgingElement,
  InnovasjonOppsummeringElement,
  InnovasjonTidtakerElement,
  InnovasjonTrinnElement,
  RefleksjonLappElement,
};
