import type { LiveRoom } from '../collab/live-room.js';
import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { StorageError } from '../storage/storage-adapter.js';

/** The credit KS is owed wherever its content is shown. */
export const renderCredit = () =>
  html`<p part="credit" class="credit">${msg('Innhold: KS – Turguide for innovasjon')}</p>`;

function storageMessage(error: StorageError): string {
  switch (error.code) {
    case 'storage-corrupt':
      return msg(
        'De lagrede lappene kunne ikke leses. De er tatt vare på uendret, og dere starter med et tomt ark.',
      );
    case 'storage-quota':
      return msg(
        'Nettleseren har ikke mer lagringsplass. Lappene finnes bare på denne siden til den lukkes; eksporter dem for å ta vare på dem.',
      );
    case 'storage-unavailable':
      return msg(
        'Nettleseren lar ikke siden lagre lappene. De finnes bare på denne siden til den lukkes.',
      );
  }
}

/** A short, non-blocking message about a storage problem, with a close button. */
export const renderStorageStatus = (error: StorageError | undefined, dismiss: () => void) =>
  html`<div class="status" role="status">
    ${error
      ? html`<div part="message" class="message">
          <p>${storageMessage(error)}</p>
          <button type="button" @click=${dismiss}>${msg('Lukk meldingen')}</button>
        </div>`
      : nothing}
  </div>`;

/**
 * The live room's status and who is here, for a guide or a lone step with
 * `collab-url` (or `collabUrls`). Until the room's chunk arrives, plain text says it is on its way.
 */
export const renderRoomStatus = (live: boolean, room: LiveRoom | undefined) =>
  live
    ? html`<innovasjon-rom-status part="room" .room=${room}
        >${room ? nothing : html`<p>${msg('Kobler til rommet …')}</p>`}</innovasjon-rom-status
      >`
    : nothing;

export const commonPartStyles = css`
  .toast {
    position: sticky;
    inset-block-end: 1rem;
    z-index: 5;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    width: fit-content;
    max-width: 100%;
    margin: 1rem 0 0;
    padding: 0.6rem 0.75rem 0.6rem 1rem;
    background: var(--innovasjon-toast-background, var(--_inverse));
    color: var(--innovasjon-toast-text, var(--_on-inverse));
    border-radius: var(--_radius);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  }
  .toast p {
    margin: 0;
  }
  .toast button {
    background: transparent;
    color: inherit;
    border-color: currentColor;
  }
  .toast button:hover {
    background: color-mix(in srgb, currentColor 15%, transparent);
  }
  .toast :focus-visible {
    outline-color: currentColor;
  }
  @media (forced-colors: active) {
    .toast {
      border: 2px solid CanvasText;
    }
  }
  .participant {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5rem 1.25rem;
    margin: 0 0 1.25rem;
    padding: 0.75rem 1rem;
    background: var(--_surface-alt);
    border-radius: var(--_radius);
  }
  .participant .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    font-weight: 600;
  }
  .participant input[type='text'] {
    min-height: 2.25rem;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    font-weight: normal;
  }
  .participant .check {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2.25rem;
  }
  .participant .check input {
    width: 1.5rem;
    height: 1.5rem;
  }
  .participant .hint {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.85em;
    color: var(--_text-subtle);
  }
  .credit {
    margin: 1.5rem 0 0;
    font-size: 0.85em;
    color: var(--_text-subtle);
  }
  .message {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block: 0 1rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_danger);
    border-inline-start-width: 6px;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .message p {
    margin: 0;
    flex: 1 1 20rem;
  }
`;
