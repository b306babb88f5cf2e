import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import type { LiveRoom } from '../collab/live-room.js';
import { connectionMessage, readOnlyMessage, shortConnectionMessage } from './room-messages.js';
import { PageLocaleController } from '../localization.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { romStatusStyles } from './innovasjon-rom-status.styles.js';
import { plural } from '../internal/intl.js';

/** A stable colour (one of six) for a person, so the same person has the same dot on every screen. */
function colourIndex(id: string): number {
  let hash = 0;
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) | 0;
  return Math.abs(hash) % 6;
}

/**
 * The live room as the guide shows it: the connection, who is here now, notes
 * from this device to bring in, a room this page cannot write to, and removing
 * the room's copy from the device.
 * The guide renders it when it has `collab-url`; it comes with the room's chunk.
 *
 * @summary Connection status and presence of a live room.
 *
 * @csspart base - The box around everything.
 * @csspart status - The connection, in words, with its coloured dot.
 * @csspart read-only - The message shown while this page cannot write to the room.
 * @csspart offer - The offer to bring notes from before the guide was shared into the room.
 */
@localized()
export class InnovasjonRomStatus extends LitElement {
  static override styles = [sharedStyles, romStatusStyles];

  /** The live room to show. */
  @property({ attribute: false }) room?: LiveRoom;

  /** One line for the guide's room bar: the connection and who is here; removing the room's copy is in the bar's menu. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** The removal is asked for once more before it is done. */
  @state() private confirmingRemoval = false;

  /** Compact on a narrow guide: who is here is a count whose button opens the list. */
  @state() private presenceOpen = false;

  readonly #pageLocale = new PageLocaleController(this);
  #unsubscribe?: () => void;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#follow();
  }

  #follow(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = this.room?.subscribe(() => this.requestUpdate());
  }

  override render() {
    void this.#pageLocale;
    const room = this.room;
    if (!room) return nothing;
    const { status } = room.state;
    const people = room.presence;
    return html`<div class="base" part="base">
      <p class=${classMap({ status: true, [status]: true })} part="status" data-status=${status}>
        <span class="dot" aria-hidden="true"></span>
        ${room.removedFromDevice
          ? html`<span>${msg('Fjernet fra denne enheten. Last inn siden på nytt for å koble til igjen.', { id: 'collab.removed' })}</span>`
          : this.#renderConnection(room)}
      </p>
      ${room.readOnly && !room.removedFromDevice ? html`<p class="read-only" part="read-only">${readOnlyMessage()}</p>` : nothing}
      ${people.length && !room.removedFromDevice
        ? html`<section class=${this.presenceOpen ? 'presence open' : 'presence'} aria-label=${msg('Her nå', { id: 'collab.here' })}>
            ${this.compact
              ? html`<button
                  type="button"
                  class="presence-toggle"
                  aria-expanded=${this.presenceOpen ? 'true' : 'false'}
                  aria-controls="presence-list"
                  @click=${() => (this.presenceOpen = !this.presenceOpen)}
                >
                  ${msg(str`Her nå: ${people.length}`, { id: 'collab.here-toggle' })}
                </button>`
              : nothing}
            <span class="presence-label" aria-hidden="true">${msg(str`Her nå (${people.length}):`, { id: 'collab.here-count' })}</span>
            <ul
              id="presence-list"
              aria-label=${plural(people.length, {
                one: () => msg(str`Her nå, ${people.length} person`, { id: 'collab.here-list.one' }),
                two: () => msg(str`Her nå, ${people.length} personer`, { id: 'collab.here-list.two' }),
                other: () => msg(str`Her nå, ${people.length} personer`, { id: 'collab.here-list.other' }),
              })}
            >
              ${people.map(
                (person) => html`<li class="person">
                  <span class="swatch p${colourIndex(person.id)}" aria-hidden="true"></span>
                  ${person.name || msg('Uten navn', { id: 'collab.unnamed' })}${person.self ? html` <span>${msg('(deg)', { id: 'collab.you' })}</span>` : nothing}
                </li>`,
              )}
            </ul>
          </section>`
        : nothing}
      ${room.localOffer && !room.removedFromDevice ? this.#renderOffer(room) : nothing}
      ${room.removedFromDevice || this.compact ? nothing : this.#renderRemove(room)}
    </div>`;
  }

  /** The connection in words; compact, also in a word, which a narrow guide shows instead (the styles choose). */
  #renderConnection(room: LiveRoom) {
    const whole = connectionMessage(room.state);
    const short = this.compact ? shortConnectionMessage(room.state) : undefined;
    return short ? html`<span class="whole">${whole}</span><span class="short">${short}</span>` : html`<span>${whole}</span>`;
  }

  #renderOffer(room: LiveRoom) {
    const { notes } = room.localOffer!;
    return html`<p class="offer" part="offer">
      <span
        >${plural(notes, {
          one: () => msg('Denne enheten har én lapp fra før guiden ble delt. Vil du ta den med inn i rommet, så alle ser den?', { id: 'collab.offer.one' }),
          two: () => msg(str`Denne enheten har ${notes} lapper fra før guiden ble delt. Vil du ta dem med inn i rommet, så alle ser dem?`, { id: 'collab.offer.two' }),
          other: () => msg(str`Denne enheten har ${notes} lapper fra før guiden ble delt. Vil du ta dem med inn i rommet, så alle ser dem?`, { id: 'collab.offer.other' }),
        })}</span
      >
      <button type="button" class="primary bring-in" @click=${() => room.bringInLocal()}>${msg('Ta dem med inn', { id: 'collab.bring-in' })}</button>
      <button type="button" class="keep-apart" @click=${() => room.keepLocalApart()}>${msg('La dem bli på enheten', { id: 'collab.keep-apart' })}</button>
    </p>`;
  }

  #renderRemove(room: LiveRoom) {
    if (!this.confirmingRemoval) {
      return html`<p class="remove">
        <button type="button" class="remove-device" @click=${this.#askRemoval}>${msg('Fjern fra denne enheten', { id: 'collab.remove-device' })}</button>
      </p>`;
    }
    return html`<p class="remove" role="group" aria-label=${msg('Fjern fra denne enheten', { id: 'collab.remove-device' })}>
      <span id="remove-question">${msg('Kopien av rommet på denne enheten slettes, med skjulte lapper og navnet du har skrevet inn (bra på en delt PC). Det som er lagret på serveren, og de andres lapper, er ikke rørt.', { id: 'collab.remove-question' })}</span>
      <button type="button" class="confirm-remove" aria-describedby="remove-question" @click=${() => void this.#remove(room)}>
        ${msg('Fjern', { id: 'collab.remove' })}
      </button>
      <button type="button" class="cancel-remove" @click=${this.#cancelRemoval}>${msg('Avbryt', { id: 'collab.cancel' })}</button>
    </p>`;
  }

  async #askRemoval(): Promise<void> {
    this.confirmingRemoval = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.cancel-remove')?.focus();
  }

  async #cancelRemoval(): Promise<void> {
    this.confirmingRemoval = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.remove-device')?.focus();
  }

  async #remove(room: LiveRoom): Promise<void> {
    this.confirmingRemoval = false;
    await room.removeFromDevice();
  }
}
