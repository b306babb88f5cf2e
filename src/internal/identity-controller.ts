import { msg } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { getIdentity, onIdentityChange, setIdentity, type Identity } from '../storage/participant.js';
import type { StorageAdapter } from '../storage/storage-adapter.js';
import type { GuideStore } from '../store/guide-store.js';

interface IdentityHost extends ReactiveControllerHost, HTMLElement {
  storageKey: string;
  noStorage: boolean;
  storage?: StorageAdapter;
  readonly: boolean;
}

/**
 * Who is writing at this screen: a name (or anonymous) and a voting id per
 * storage key, shared by every element on the page that uses the key, and the
 * form that sets them.
 */
export class IdentityController implements ReactiveController {
  value: Identity = { id: '', name: '', anonymous: false };
  #key?: string;
  #stop?: () => void;

  constructor(
    private readonly host: IdentityHost,
    private readonly store: () => GuideStore,
  ) {
    host.addController(this);
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
    this.#key = undefined;
  }

  /** Follows the host's storage key (called before each update). */
  follow(): void {
    const key = this.host.storageKey;
    if (this.#key === key) return;
    this.#stop?.();
    this.#key = key;
    this.value = getIdentity(key, this.#persists);
    this.#stop = onIdentityChange(key, (identity) => {
      this.value = identity;
      this.host.requestUpdate();
    });
  }

  get #persists(): boolean {
    return !this.host.noStorage && !this.host.storage;
  }

  #update(changes: Partial<Identity>): void {
    const identity = setIdentity(this.host.storageKey, changes, this.#persists);
    if (identity.name) this.store().upsertParticipant({ id: identity.id, name: identity.name }, { source: this.host });
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
