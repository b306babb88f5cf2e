import type { ConnectionStatus } from '../../src/collab/room-connection.js';
import type { InnovasjonRomStatus } from '../../src/innovasjon-rom-status/innovasjon-rom-status.component.js';
import { ShadowHarness, squeezed } from '../harness.js';

/**
 * A live room's status line, as a person sees it: where the connection stands,
 * whether this page can write, who is here, the offer of this device's earlier
 * notes, and removing the room from this device (with its question).
 */
export class RomStatusHarness extends ShadowHarness<InnovasjonRomStatus> {
  /** The line that says where the connection stands, or null before it renders. */
  get statusLine(): HTMLElement | null {
    return this.maybe('[data-status]');
  }

  /** The connection status the line shows (its data-status), or undefined. */
  get status(): ConnectionStatus | undefined {
    return (this.statusLine?.getAttribute('data-status') ?? undefined) as ConnectionStatus | undefined;
  }

  /** The words that say this page cannot write to the room, or null while it can. */
  get readOnlyNote(): HTMLElement | null {
    return this.maybe('.read-only');
  }

  /** The list of people here now. */
  get peopleList(): HTMLElement {
    return this.one('ul', 'list of people');
  }

  /** Compact in a narrow guide: the button with who is here as a count, which opens the list; null otherwise. */
  get presenceToggle(): HTMLButtonElement | null {
    const toggle = this.maybe<HTMLButtonElement>('.presence-toggle');
    return toggle && toggle.getClientRects().length > 0 ? toggle : null;
  }

  /** The connection's words as shown (spaces squeezed): in a narrow guide's bar, a word. */
  get shownStatus(): string {
    return this.all('[data-status] span:not(.dot)')
      .filter((span) => span.getClientRects().length > 0)
      .map((span) => squeezed(span.textContent))
      .join(' ');
  }

  /** Each person in the list, as shown (spaces squeezed): «Kari (deg)». */
  get people(): string[] {
    return this.all('li').map((item) => squeezed(item.textContent));
  }

  /** Each person's name as its own element (for colour checks). */
  get personElements(): HTMLElement[] {
    return this.all('.person');
  }

  /** The line's base (its background). */
  get base(): HTMLElement {
    return this.one('.base', 'base');
  }

  /** The offer of this device's earlier notes, or null. */
  get offer(): HTMLElement | null {
    return this.maybe('.offer');
  }

  /** The offer's «Ta dem med», or null without an offer. */
  get bringInButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('.bring-in');
  }

  /** The offer's «Hold dem utenfor». */
  get keepApartButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.keep-apart', '«keep apart» button');
  }

  /** «Fjern fra denne enheten», or null while the question shows or after removal. */
  get removeButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('.remove-device');
  }

  /** The removal question's Avbryt, or null when it does not show. */
  get cancelRemoveButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('.cancel-remove');
  }

  /** The removal question's confirmation, or null when it does not show. */
  get confirmRemoveButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('.confirm-remove');
  }

  /** The removal question's words. */
  get removeQuestion(): HTMLElement {
    return this.one('#remove-question', 'removal question');
  }
}

export const romStatusHarness = (element: InnovasjonRomStatus) => new RomStatusHarness(element);
