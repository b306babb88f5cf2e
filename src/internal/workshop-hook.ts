// Types of the workshop (`collab-start`, issue 22) that the elements' API and events name; the code is in src/workshop/ (a chunk).
import type { ReactiveControllerHost } from 'lit';
import type { SourceSettings } from '../sources/document-source.js';

/** What `startRoom()` resolves to. The link and the code are for the host page to show: never put them in a log. */
export interface StartedRoom {
  room: string;
  /** The page's own address (or `collab-join-url`) with `#innovasjon-join=…`. */
  link: string;
  /** The join code (`XXXX-XXXX`), or null when the server has codes off. */
  code: string | null;
  /** When the link stops working (ms since 1970). */
  linkExpiresAt: number;
  /** When the code stops working (ms since 1970), or null without a code. */
  codeExpiresAt: number | null;
}

export interface RoomStartDetail {
  /** The new room's name on the server. */
  room: string;
  linkExpiresAt: number;
  codeExpiresAt: number | null;
}

export interface ParticipantRemoveDetail {
  /** The person's id in the room (the server-made `sub`). */
  participant: string;
  name: string;
}

declare module '../events.js' {
  interface InnovasjonEventMap {
    /** This page started a room with *Start en felles økt* or `startRoom()`; it leads it. Never carries the link or the code. */
    'innovasjon-room-start': CustomEvent<RoomStartDetail>;
    /** The facilitator removed a person from the room: their credential is revoked on every server instance. */
    'innovasjon-participant-remove': CustomEvent<ParticipantRemoveDetail>;
  }
}

/** What the guide (or a lone step) gives the workshop: it joins a room by setting `collabRoom` and `collabToken`. */
export interface WorkshopHost extends ReactiveControllerHost, HTMLElement, SourceSettings {
  collabStart: boolean;
  collabJoinUrl?: string;
  readonly readonly: boolean;
  /** The workshop's part of the guide's render, once its chunk has arrived. */
  workshop?: WorkshopUi;
}

/** The workshop's chunk, as the guide sees it. */
export interface WorkshopUi {
  render(): unknown;
  /**
   * In a room this page joined through the workshop, its parts of the guide's room bar: the facilitator's
   * buttons (*Del økta*, *Deltakere*), the panels they open, and the items of the bar's menu; else undefined.
   */
  renderBar(): { controls: unknown; panels: unknown; menu: unknown } | undefined;
  startRoom(): Promise<StartedRoom>;
  joinRoom(linkOrCode: string, options?: { name?: string }): Promise<void>;
  removeParticipant(participant: string): Promise<void>;
  /** The join code and QR code for the presentation view, while this page leads and the door is open; else nothing. */
  renderProjector(): unknown;
}
