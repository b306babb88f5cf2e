import { msg } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { identityKeeper, sourceOf, type IdentityKeeper } from '../sources/document-source.js';
import type { Identity } from '../storage/participant.js';
import type { StorageAdapter } from '../storage/storage-adapter.js';
import type { GuideStore } from '../store/guide-store.js';

interface IdentityHost extends ReactiveControllerHost, HTMLElement {
  storageKey: string;
  noStorage: boolean;
  storage?: StorageAdapter;
  readonly: boolean;
}

/**
 * Who is writing at this screen: a name (or anonymous) and a voting id, as the
 * document source keeps them (per storage key, shared by every element on the
 * page that uses it), and the form that sets them.
 */
export class IdentityController implements ReactiveController {
  value: Identity = { id: '', name: '', anonymous: false };
  #keeper?: IdentityKeeper;
  #stop?: () => void;

  constructor(
    private readonly host: IdentityHost,
    private readonly store: () => GuideStore,
  ) {
    host.addController(this);
  }

  /**
   * The id this person votes with: in a live room the room's (the token's
   * `sub`, so one person's tabs and devices vote once), else this browser's.
   */
  get participantId(): string {
    return sourceOf(this.store())?.room?.connection.participantId ?? this.value.id;
  }

  /** The author new notes from this screen carry. */
  get author(): string {
    return this.value.anonymous ? '' : this.value.name;
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#keeper = undefined;
  }

  /**
   * Follows the identity kept by the document source the host shows (its
   * guide's, inside a guide); called before each update.
   */
  follow(): void {
    const { host } = this;
    const keeper = sourceOf(this.store())?.identity ?? identityKeeper(host.storageKey, !host.noStorage && !host.storage);
    if (this.#keeper?.key === keeper.key) return;
    this.#stop?.();
    this.#keeper = keeper;
    this.value = keeper.get();
    this.#stop = keeper.subscribe((identity) => {
      this.value = identity;
      host.requestUpdate();
    });
  }

  #update(changes: Partial<Identity>): void {
    this.follow();
    const identity = this.#keeper!.set(changes);
    if (identity.name) this.store().upsertParticipant({ id: this.participantId, name: identity.name }, { source: this.host });
  }

  render() {
    if (this.host.readonly) return nothing;
    const { name, anonymous } = this.value;
    return html`<div part="participant" class="participant">
      <label class="field">
        <span>${msg('Navnet ditt')}</span>
        <input
          type="text"
          autocomplete="name"
          maxlength="100"
          aria-describedby="participant-hint"
          .value=${name}
          @change=${(event: Event) => this.#update({ name: (event.target as HTMLInputElement).value.trim() })}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          .checked=${anonymous}
          @change=${(event: Event) => this.#update({ anonymous: (event.target as HTMLInputElement).checked })}
        />
        ${msg('Skriv anonymt')}
      </label>
      <p id="participant-hint" class="hint">
        ${msg('Navnet vises på lappene du skriver, og huskes i denne nettleseren.')}
      </p>
    </div>`;
  }
}
