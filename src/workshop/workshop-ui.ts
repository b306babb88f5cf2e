// The workshop on a guide with `collab-start` (issue 22): *Start en felles økt*, *Bli med med kode*,
// the name asked of a person who came by link, and the facilitator's credential on this device.
// Its own chunk, fetched after the first render; the share panel is a chunk of its own.
import { msg, str } from '@lit/localize';
import { css, html, nothing, type CSSResult } from 'lit';
import { takeJoinFragment } from '../collab/join-fragment.js';
import { invitationInLink, joinLink } from '../collab/join-link.js';
import {
  WorkshopClient,
  WorkshopError,
  displayCode,
  makeProof,
  newFacilitatorKeys,
  normalizeCode,
  type FacilitatorKey,
  type IssuedCredential,
  type RoomStatus,
  type WorkshopCapabilities,
  type WorkshopRefusal,
} from '../collab/workshop-client.js';
import { emit } from '../events.js';
import { workshopTranslations } from '../generated/locales/workshop/loaders.js';
import { announce } from '../internal/announcer.js';
import type { StartedRoom, WorkshopHost, WorkshopUi } from '../internal/workshop-hook.js';
import { addTranslations } from '../localization.js';
import { collabServers, identityKeeper } from '../sources/document-source.js';
import { forgetCredential, keepCredential, readCredential, type StoredCredential } from '../sources/workshop-credentials.js';
import type { ExportFormat } from '../export/formats.js';
import { intlLocale } from '../internal/intl.js';
import type { ShareState } from './share-panel.js';
import { refusalMessage } from './refusals.js';

await addTranslations(workshopTranslations);

/** Reasons after which the credential on this device can never connect again. */
const FINAL = new Set(['credential-invalid', 'credential-expired', 'credential-revoked', 'credential-wrong-room', 'room-deleted']);

/** An Error whose `code` names why a workshop request was refused (the README lists them). */
export class RoomJoinError extends Error {
  override name = 'RoomJoinError';
  constructor(
    readonly code: WorkshopRefusal,
    message: string,
  ) {
    super(message);
  }
}

const workshopStyles: CSSResult = css`
  .workshop-start,
  .workshop-join,
  .workshop-name {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--innovasjon-color-border, #8a8a8a);
    border-radius: var(--innovasjon-radius, 0.5rem);
  }
  .workshop-join form,
  .workshop-name form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .workshop-join label,
  .workshop-name label {
    display: grid;
    gap: 0.25rem;
  }
  /* A narrow guide (a phone): the name asked of a person who came by link in one tight box, the field beside «Bli med». */
  @container (max-width: 30rem) {
    .workshop-name {
      gap: 0.35rem;
      padding: 0.5rem;
    }
    .workshop-name p {
      margin: 0;
    }
    .workshop-name label {
      flex: 1 1 10rem;
    }
  }
  .workshop-code-input {
    text-transform: uppercase;
    letter-spacing: 0.1em;
    inline-size: 10ch;
  }
  .workshop-error {
    margin: 0;
    padding: 0.25rem 0.5rem;
    border-inline-start: 4px solid var(--innovasjon-color-danger, #b00020);
  }
  .workshop-error:empty {
    display: none;
  }
  .share-panel,
  .manage-panel {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border-radius: var(--innovasjon-radius, 0.5rem);
    background: var(--innovasjon-color-surface, #fff);
  }
  .share-panel {
    border: 2px solid var(--innovasjon-color-accent, #0062ba);
  }
  .share-panel .join-code {
    font-size: 2.5rem;
    font-weight: 700;
    letter-spacing: 0.12em;
    font-variant-numeric: tabular-nums;
    margin: 0;
  }
  .share-panel .link {
    overflow-wrap: anywhere;
    font-size: 0.9rem;
  }
  .share-panel .qr {
    inline-size: min(14rem, 100%);
    block-size: auto;
    background: #fff;
    color: #000;
  }
  /* On the projector: dark on light whatever the theme, as a phone's camera reads it best. */
  .projector-share {
    grid-area: share;
    align-self: start;
    display: grid;
    justify-items: center;
    gap: 0.25rem;
    inline-size: min(17rem, 30vw);
    margin-block-start: 3.5rem;
    padding: 0.75rem;
    background: #fff;
    color: #000;
    border-radius: var(--innovasjon-radius, 0.5rem);
  }
  .projector-share .qr {
    inline-size: 100%;
    block-size: auto;
  }
  .projector-share p {
    margin: 0;
    text-align: center;
  }
  .projector-share .join-code {
    font-size: 2.25rem;
    font-weight: 700;
    letter-spacing: 0.08em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .share-panel .actions,
  .manage-panel .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .manage-panel {
    border: 1px solid var(--innovasjon-color-border, #8a8a8a);
  }
  .manage-panel h3,
  .manage-panel p {
    margin: 0;
  }
  .people-list {
    display: grid;
    gap: 0.35rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .people-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .handover-link {
    overflow-wrap: anywhere;
    font-size: 0.9rem;
  }
  .manage-panel .danger {
    border-color: var(--innovasjon-color-danger, #b00020);
  }
`;

/** The facilitator's panel open under the bar: the people in the room, handing the lead over, ending the room. */
type ManagePanel = 'people' | 'hand-over' | 'end' | 'end-confirm';

type Stage = 'idle' | 'name' | 'busy' | 'in-room';

class Workshop implements WorkshopUi {
  readonly #client?: WorkshopClient;
  readonly #server: string;
  #capabilities?: WorkshopCapabilities;
  #credential?: StoredCredential;
  #stage: Stage = 'idle';
  #error = '';
  #invitation?: string;
  #share?: typeof import('./share-panel.js');
  #shareOpen = false;
  #shareState?: ShareState;
  #manage?: ManagePanel;
  #people?: RoomStatus['people'];
  /** The person whose removal is being confirmed (their `sub`). */
  #removing?: string;
  #handOver?: { link: string; expiresAt: number };

  /** The host gave a token of its own (the sign-on path): then the workshop stays out of the way. */
  readonly #hostToken: boolean;

  constructor(private readonly host: WorkshopHost) {
    this.#hostToken = host.collabToken !== undefined;
    // `collabUrls` (instances of one service, one database) or `collab-url`: the first names this device's credential.
    const servers = collabServers({ collabUrl: host.collabUrl, collabUrls: host.collabUrls });
    const server = servers[0] ?? '';
    this.#server = server;
    try {
      this.#client = new WorkshopClient(servers);
    } catch {
      this.#client = undefined;
    }
    const root = host.shadowRoot;
    if (root && !root.adoptedStyleSheets.includes(workshopStyles.styleSheet!)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, workshopStyles.styleSheet!];
    host.workshop = this;
    host.requestUpdate();
    void this.#begin();
  }

  /** The workshop is on: `collab-start` on a guide with `collab-url` and no token of the host's. */
  get #enabled(): boolean {
    return this.host.collabStart && Boolean(this.#server) && !this.#hostToken;
  }

  /** Where links lead: `collab-join-url` (a public page), else this page. */
  get #joinBase(): string {
    return this.host.collabJoinUrl || this.host.getAttribute('collab-join-url') || location.href;
  }

  get #storageKey(): string {
    return this.host.storageKey;
  }

  async #begin(): Promise<void> {
    const invitation = takeJoinFragment();
    if (invitation) {
      this.#invitation = invitation;
      this.#stage = 'name';
      this.#update();
      this.#focusSoon('.workshop-name input');
      return;
    }
    const stored = await readCredential(this.#server, this.#storageKey);
    if (stored) {
      this.#enter(stored);
      return;
    }
    this.#capabilities = await this.#client?.capabilities().catch(() => undefined);
    this.#update();
  }

  #update(): void {
    this.host.requestUpdate();
  }

  #focusSoon(selector: string): void {
    void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  }

  /** The key that signs this facilitator's requests. */
  get #key(): FacilitatorKey | undefined {
    const credential = this.#credential;
    if (!credential?.privateKey) return undefined;
    return { credential: credential.credential, credentialId: credential.credentialId, room: credential.room, privateKey: credential.privateKey };
  }

  /** This page holds a credential: the guide connects to its room with it. */
  #enter(credential: StoredCredential): void {
    this.#credential = credential;
    this.#stage = 'in-room';
    const key = this.#key;
    // The guide connects to the room with the credential: a facilitator signs each (re)connection anew.
    this.host.collabToken = key ? async () => `${credential.credential}~${await makeProof(key, 'connect')}` : credential.credential;
    this.host.collabRoom = credential.room;
    this.#update();
    if (key) void this.#refreshShareState();
  }

  async #refreshShareState(): Promise<void> {
    const key = this.#key;
    if (!key || !this.#client) return;
    try {
      const status = await this.#client.status(key);
      this.#shareState = {
        link: this.#shareState?.link,
        code: status.code === null ? null : displayCode(status.code),
        linkExpiresAt: status.linkExpiresAt,
        codeExpiresAt: status.codeExpiresAt,
        door: status.door,
      };
    } catch (error) {
      if (error instanceof WorkshopError && FINAL.has(error.code)) await this.#leave();
    }
    this.#update();
  }

  /** The credential cannot connect again (removed, room ended) or the person removed it: gone from this device. */
  async #leave(): Promise<void> {
    await forgetCredential(this.#server, this.#storageKey);
    this.#credential = undefined;
    this.#shareState = undefined;
    this.#shareOpen = false;
    this.#manage = undefined;
    this.#people = undefined;
    this.#handOver = undefined;
    this.#stage = 'idle';
    this.host.collabRoom = undefined;
    this.host.collabToken = undefined;
    this.#update();
  }

  #refused(code: WorkshopRefusal): RoomJoinError {
    const error = new RoomJoinError(code, `The workshop room could not be joined: ${code}.`);
    emit(this.host, 'innovasjon-error', { code: 'collab-join-refused', message: error.message });
    return error;
  }

  async startRoom(): Promise<StartedRoom> {
    const client = this.#client;
    if (!client || !this.#enabled) throw new RoomJoinError('bad-request', 'A workshop needs collab-url and collab-start, and no collab-token.');
    if (this.#credential) throw new RoomJoinError('bad-request', 'This guide is in a workshop room already: remove it from this device first.');
    try {
      const capabilities = (this.#capabilities ??= await client.capabilities());
      if (!capabilities.create) throw new WorkshopError(capabilities.createNeedsToken ? 'creation-token-required' : 'creation-off');
      const created = await client.createRoom();
      const keys = await newFacilitatorKeys();
      const name = identityKeeper(this.#storageKey, true).get().name || 'Prosessleder';
      const issued = await client.exchange(created.facilitatorInvitation, name, keys.publicJwk);
      const credential: StoredCredential = { ...issued, privateKey: keys.privateKey };
      await keepCredential(this.#server, this.#storageKey, credential);
      const link = joinLink(this.#joinBase, created.participantInvitation);
      const code = created.code === null ? null : displayCode(created.code);
      this.#shareState = { link, code, linkExpiresAt: created.linkExpiresAt, codeExpiresAt: created.codeExpiresAt, door: 'open' };
      this.#enter(credential);
      emit(this.host, 'innovasjon-room-start', { room: created.room, linkExpiresAt: created.linkExpiresAt, codeExpiresAt: created.codeExpiresAt });
      announce(msg('Den felles økta er startet. Del lenken eller koden med deltakerne.', { id: 'workshop.started' }));
      await this.#openShare();
      return { room: created.room, link, code, linkExpiresAt: created.linkExpiresAt, codeExpiresAt: created.codeExpiresAt };
    } catch (error) {
      const code = error instanceof WorkshopError ? error.code : 'network';
      const refusal = new RoomJoinError(code, `The workshop room could not be started: ${code}.`);
      emit(this.host, 'innovasjon-error', { code: 'collab-start-refused', message: refusal.message });
      throw refusal;
    }
  }

  async joinRoom(linkOrCode: string, { name }: { name?: string } = {}): Promise<void> {
    const client = this.#client;
    if (!client || !this.#enabled) throw this.#refused('bad-request');
    if (this.#credential) throw this.#refused('bad-request');
    const person = (name ?? identityKeeper(this.#storageKey, true).get().name).trim();
    if (!person) throw this.#refused('name-invalid');
    const invitation = invitationInLink(linkOrCode);
    let issued: IssuedCredential;
    let privateKey: CryptoKey | undefined;
    try {
      if (invitation) {
        // A hand-over link makes this device the facilitator: its key is made before the exchange, kept only then.
        const keys = await newFacilitatorKeys();
        issued = await client.exchange(invitation, person, keys.publicJwk);
        if (issued.role === 'facilitator') privateKey = keys.privateKey;
      } else {
        const code = normalizeCode(linkOrCode);
        if (!/^[0-9A-Z]{4,12}$/.test(code)) throw new WorkshopError('code-unknown');
        issued = await client.joinByCode(code, person);
      }
    } catch (error) {
      throw this.#refused(error instanceof WorkshopError ? error.code : 'network');
    }
    identityKeeper(this.#storageKey, true).set({ name: issued.name || person, anonymous: false });
    const credential: StoredCredential = privateKey ? { ...issued, privateKey } : issued;
    await keepCredential(this.#server, this.#storageKey, credential);
    this.#enter(credential);
    announce(msg('Du er med i den felles økta.', { id: 'workshop.joined' }));
  }

  async removeParticipant(participant: string): Promise<void> {
    const key = this.#key;
    if (!key || !this.#client) throw new RoomJoinError('facilitator-only', 'Only the facilitator of a workshop room removes people.');
    let name = '';
    try {
      name = (await this.#client.status(key)).people.find((person) => person.sub === participant)?.name ?? '';
      await this.#client.remove(key, participant);
    } catch (error) {
      const code = error instanceof WorkshopError ? error.code : 'network';
      throw new RoomJoinError(code, `The person could not be removed: ${code}.`);
    }
    emit(this.host, 'innovasjon-participant-remove', { participant, name });
  }

  renderProjector(): unknown {
    const state = this.#shareState;
    if (!this.#key || !state || state.door !== 'open') return nothing;
    if (!this.#share) {
      // The QR drawing is the share panel's chunk: fetched the first time the projector needs it.
      void import('./share-panel.js').then(
        (chunk) => {
          this.#share ??= chunk;
          this.#update();
        },
        () => undefined, // the code still shows once the panel's chunk can be fetched; the board works without it
      );
      return nothing;
    }
    return this.#share.renderProjectorShare(state);
  }

  /** *Fjern fra denne enheten* for the workshop: the credential (and key) leave this device. */
  async removeFromDevice(): Promise<void> {
    await this.#leave();
    announce(msg('Tilgangen til økta er fjernet fra denne enheten.', { id: 'workshop.removed' }));
  }

  async #openShare(): Promise<void> {
    try {
      // Its own chunk, fetched from here (not listed among the core's features, which stay small).
      this.#share ??= await import('./share-panel.js');
    } catch {
      emit(this.host, 'innovasjon-error', { code: 'chunk-load-failed', message: 'The code for "sharePanel" could not be fetched.' });
      announce(msg('Denne delen av guiden kunne ikke lastes. Sjekk nettverket og prøv igjen. Ingenting er tapt.'));
      return; // the button stays for another try
    }
    this.#shareOpen = true;
    this.#manage = undefined;
    this.#update();
    this.#focusSoon('#share-title');
  }

  #closeShare(): void {
    this.#shareOpen = false;
    this.#update();
    this.#focusSoon('.share-toggle');
  }

  async #act(action: () => Promise<void>, done: string): Promise<void> {
    this.#error = '';
    try {
      await action();
      if (done) announce(done);
    } catch (error) {
      const code = error instanceof WorkshopError ? error.code : 'network';
      this.#error = refusalMessage(code);
      if (FINAL.has(code)) await this.#leave();
    }
    this.#update();
  }

  #newLink(): Promise<void> {
    return this.#act(async () => {
      const key = this.#key!;
      const next = await this.#client!.newLink(key);
      this.#shareState = {
        link: joinLink(this.#joinBase, next.participantInvitation),
        code: next.code === null ? null : displayCode(next.code),
        linkExpiresAt: next.linkExpiresAt,
        codeExpiresAt: next.codeExpiresAt,
        door: this.#shareState?.door ?? 'open',
      };
    }, msg('Ny lenke og ny kode er laget. De gamle virker ikke lenger.', { id: 'workshop.new-link-done' }));
  }

  #door(open: boolean): Promise<void> {
    return this.#act(
      async () => {
        const door = await this.#client!.setDoor(this.#key!, open);
        if (this.#shareState) this.#shareState = { ...this.#shareState, door };
      },
      open ? msg('Døren er åpen: nye deltakere kan bli med.', { id: 'workshop.door-opened' }) : msg('Døren er lukket: ingen nye kan bli med.', { id: 'workshop.door-closed' }),
    );
  }

  async #submitName(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    if (!name) {
      this.#error = msg('Skriv navnet ditt.', { id: 'workshop.name-missing' });
      this.#update();
      this.#focusSoon('.workshop-name input');
      return;
    }
    const invitation = this.#invitation;
    if (!invitation) return;
    this.#stage = 'busy';
    this.#error = '';
    this.#update();
    try {
      await this.joinRoom(`#innovasjon-join=${encodeURIComponent(invitation)}`, { name });
      this.#invitation = undefined;
    } catch (error) {
      this.#stage = 'name';
      this.#error = refusalMessage((error as RoomJoinError).code);
      // A link that can never work again is forgotten; the person can still join by code.
      if (!['network', 'unavailable', 'name-invalid'].includes((error as RoomJoinError).code)) {
        this.#invitation = undefined;
        this.#stage = 'idle';
        this.#capabilities ??= await this.#client?.capabilities().catch(() => undefined);
      }
      this.#update();
      this.#focusSoon('.workshop-error');
    }
  }

  async #submitCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const code = (form.elements.namedItem('code') as HTMLInputElement).value;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    if (!normalizeCode(code) || !name) {
      this.#error = !name ? msg('Skriv navnet ditt.', { id: 'workshop.name-missing' }) : msg('Skriv koden du har fått.', { id: 'workshop.code-missing' });
      this.#update();
      this.#focusSoon(!name ? '.workshop-join input[name=name]' : '.workshop-join input[name=code]');
      return;
    }
    this.#stage = 'busy';
    this.#error = '';
    this.#update();
    try {
      await this.joinRoom(code, { name });
    } catch (error) {
      this.#stage = 'idle';
      this.#error = refusalMessage((error as RoomJoinError).code);
      this.#update();
      this.#focusSoon('.workshop-join input[name=code]');
    }
  }

  async #pressStart(): Promise<void> {
    this.#stage = 'busy';
    this.#error = '';
    this.#update();
    try {
      await this.startRoom();
    } catch (error) {
      this.#stage = 'idle';
      this.#error = refusalMessage((error as RoomJoinError).code);
      this.#update();
      this.#focusSoon('.start-room');
    }
  }

  render(): unknown {
    if (this.host.readonly || !this.#enabled) return nothing;
    const error = html`<p class="workshop-error" role="alert" tabindex="-1">${this.#error}</p>`;
    if (this.#stage === 'name' || (this.#stage === 'busy' && this.#invitation)) return this.#renderName(error);
    if (this.#stage === 'in-room') return this.#renderInRoom(error);
    return this.#renderOffer(error);
  }

  #renderName(error: unknown) {
    const busy = this.#stage === 'busy';
    const name = identityKeeper(this.#storageKey, true).get().name;
    return html`<section class="workshop-name" aria-labelledby="workshop-name-title">
      <p id="workshop-name-title"><strong>${msg('Du er invitert til en felles økt', { id: 'workshop.invited' })}</strong></p>
      <form @submit=${(event: SubmitEvent) => this.#submitName(event)}>
        <label
          >${msg('Navnet ditt, slik de andre ser det', { id: 'workshop.name-label' })}
          <input name="name" autocomplete="name" maxlength="80" .value=${name} ?disabled=${busy} />
        </label>
        <button type="submit" class="primary join-by-link" ?disabled=${busy}>${msg('Bli med', { id: 'workshop.join' })}</button>
      </form>
      ${error}
    </section>`;
  }

  #renderOffer(error: unknown) {
    const capabilities = this.#capabilities;
    if (!capabilities || (!capabilities.create && !capabilities.codes)) return this.#error ? error : nothing;
    const busy = this.#stage === 'busy';
    const name = identityKeeper(this.#storageKey, true).get().name;
    return html`<div class="workshop-start">
      ${capabilities.create
        ? html`<button type="button" class="primary start-room" ?disabled=${busy} @click=${() => this.#pressStart()}>
            ${msg('Start en felles økt', { id: 'workshop.start' })}
          </button>`
        : nothing}
      ${capabilities.codes
        ? html`<section class="workshop-join" aria-labelledby="workshop-join-title">
            <p id="workshop-join-title"><strong>${msg('Bli med med kode', { id: 'workshop.join-code-title' })}</strong></p>
            <form @submit=${(event: SubmitEvent) => this.#submitCode(event)}>
              <label
                >${msg('Koden', { id: 'workshop.code-label' })}
                <input name="code" class="workshop-code-input" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="12" ?disabled=${busy} />
              </label>
              <label
                >${msg('Navnet ditt', { id: 'workshop.name-short' })}
                <input name="name" autocomplete="name" maxlength="80" .value=${name} ?disabled=${busy} />
              </label>
              <button type="submit" class="join-by-code" ?disabled=${busy}>${msg('Bli med', { id: 'workshop.join' })}</button>
            </form>
          </section>`
        : nothing}
      ${error}
    </div>`;
  }

  #renderInRoom(error: unknown) {
    this.#watchRoom();
    const facilitator = Boolean(this.#key);
    return html`<div class="workshop-room">
      ${facilitator ? this.#renderShareToggle() : nothing}
      <button type="button" class="workshop-forget" @click=${() => this.removeFromDevice()}>
        ${msg('Fjern tilgangen fra denne enheten', { id: 'workshop.forget' })}
      </button>
      ${facilitator ? this.#renderSharePanel() : nothing}
      ${error}
    </div>`;
  }

  /** «Del økta», the facilitator's disclosure of the share panel (in the room's own box and in the bar). */
  #renderShareToggle() {
    return html`<button type="button" class="share-toggle" aria-expanded=${this.#shareOpen ? 'true' : 'false'} @click=${() => (this.#shareOpen ? this.#closeShare() : this.#openShare())}>
      ${msg('Del økta', { id: 'workshop.share' })}
    </button>`;
  }

  #renderSharePanel() {
    if (!this.#shareOpen || !this.#share || !this.#shareState) return nothing;
    return this.#share.renderSharePanel(this.#shareState, {
      newLink: () => this.#newLink(),
      door: (open) => this.#door(open),
      close: () => this.#closeShare(),
      copy: (text) => this.#copy(text),
    });
  }

  renderBar() {
    if (this.host.readonly || !this.#enabled || this.#stage !== 'in-room') return undefined;
    this.#watchRoom();
    const error = html`<p class="workshop-error" role="alert" tabindex="-1">${this.#error}</p>`;
    if (!this.#key) return { controls: nothing, panels: error, menu: nothing };
    const peopleOpen = this.#manage === 'people';
    return {
      controls: html`${this.#renderShareToggle()}
        <button type="button" class="people-toggle" aria-expanded=${peopleOpen ? 'true' : 'false'} @click=${() => (peopleOpen ? this.#closeManage('.people-toggle') : this.#openPeople())}>
          ${msg('Deltakere', { id: 'workshop.people' })}
        </button>`,
      panels: html`${this.#renderSharePanel()} ${this.#renderManage()} ${error}`,
      menu: html`<button type="button" class="hand-over" @click=${() => this.#openHandOver()}>${msg('Gi ledelsen videre', { id: 'workshop.hand-over' })}</button>
        <button type="button" class="end-room" @click=${() => this.#openManage('end', '#end-title')}>${msg('Avslutt og slett rommet', { id: 'workshop.end' })}</button>`,
    };
  }

  #openManage(panel: ManagePanel, focus: string): void {
    this.#manage = panel;
    this.#shareOpen = false;
    this.#removing = undefined;
    this.#error = '';
    this.#update();
    this.#focusSoon(focus);
  }

  #closeManage(focus: string): void {
    this.#manage = undefined;
    this.#removing = undefined;
    this.#update();
    this.#focusSoon(focus);
  }

  async #openPeople(): Promise<void> {
    this.#openManage('people', '#people-title');
    await this.#act(async () => {
      this.#people = (await this.#client!.status(this.#key!)).people;
    }, '');
  }

  async #openHandOver(): Promise<void> {
    this.#handOver = undefined;
    this.#openManage('hand-over', '#hand-over-title');
    await this.#act(async () => {
      const { invitation, expiresAt } = await this.#client!.handOver(this.#key!);
      this.#handOver = { link: joinLink(this.#joinBase, invitation), expiresAt };
    }, msg('Lenken for å gi ledelsen videre er laget.', { id: 'workshop.hand-over-made' }));
  }

  async #remove(person: { sub: string; name: string }): Promise<void> {
    this.#removing = undefined;
    this.#error = '';
    try {
      await this.removeParticipant(person.sub);
      const name = person.name || msg('Uten navn', { id: 'workshop.unnamed' });
      announce(msg(str`${name} er tatt ut av økta.`, { id: 'workshop.person-removed' }));
      this.#people = (await this.#client!.status(this.#key!)).people;
    } catch (error) {
      this.#error = refusalMessage((error as RoomJoinError).code ?? 'network');
    }
    this.#update();
    this.#focusSoon('#people-title');
  }

  async #end(): Promise<void> {
    const key = this.#key;
    if (!key || !this.#client) return;
    this.#error = '';
    try {
      await this.#client.end(key);
    } catch (error) {
      this.#error = refusalMessage(error instanceof WorkshopError ? error.code : 'network');
      this.#update();
      this.#focusSoon('.workshop-error');
      return;
    }
    await this.#leave();
    announce(msg('Rommet er avsluttet og slettet for alle.', { id: 'workshop.ended' }));
  }

  #onManageKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.#closeManage(this.#manage === 'people' ? '.people-toggle' : '.menu-toggle');
  };

  #renderManage() {
    const panel = this.#manage;
    if (!panel) return nothing;
    const close = html`<button type="button" class="close-manage" @click=${() => this.#closeManage(panel === 'people' ? '.people-toggle' : '.menu-toggle')}>
      ${panel === 'end' || panel === 'end-confirm' ? msg('Avbryt', { id: 'workshop.cancel' }) : msg('Lukk', { id: 'workshop.close-panel' })}
    </button>`;
    if (panel === 'people') return this.#renderPeople(close);
    if (panel === 'hand-over') {
      const made = this.#handOver;
      return html`<section class="manage-panel hand-over-panel" aria-labelledby="hand-over-title" @keydown=${this.#onManageKeydown}>
        <h3 id="hand-over-title" tabindex="-1">${msg('Gi ledelsen videre', { id: 'workshop.hand-over' })}</h3>
        <p>${msg('Åpne lenken på enheten som skal lede (prosjektor-PC-en, en medhjelper). Lenken virker én gang. Når den er brukt, leder den enheten, og denne gjør det ikke lenger.', { id: 'workshop.hand-over-explain' })}</p>
        ${made
          ? html`<p><code class="handover-link">${made.link}</code></p>
              <p class="expires">${msg(str`Lenken virker til ${timeOf(made.expiresAt)}.`, { id: 'workshop.hand-over-expires' })}</p>`
          : html`<p>${msg('Lager lenken …', { id: 'workshop.hand-over-making' })}</p>`}
        <div class="actions">
          ${made ? html`<button type="button" class="copy-hand-over" @click=${() => this.#copy(made.link)}>${msg('Kopier lenken', { id: 'workshop.copy' })}</button>` : nothing}
          ${close}
        </div>
      </section>`;
    }
    if (panel === 'end') {
      const download = (format: ExportFormat) => (this.host as unknown as { download(format: ExportFormat): Promise<string> }).download(format).catch(() => {});
      return html`<section class="manage-panel end-panel" aria-labelledby="end-title" @keydown=${this.#onManageKeydown}>
        <h3 id="end-title" tabindex="-1">${msg('Avslutt og slett rommet', { id: 'workshop.end' })}</h3>
        <p>${msg('Last ned lappene først: når rommet er slettet, finnes det ikke lenger på serveren, og ingen kan koble til det igjen.', { id: 'workshop.end-export' })}</p>
        <div class="actions">
          <button type="button" class="end-download-json" @click=${() => download('json')}>${msg('Last ned (JSON, for import)', { id: 'workshop.end-download-json' })}</button>
          <button type="button" class="end-download-markdown" @click=${() => download('markdown')}>${msg('Last ned (Markdown, tekst)', { id: 'workshop.end-download-markdown' })}</button>
          <button type="button" class="end-next" @click=${() => this.#openManage('end-confirm', '.end-confirm .confirm-end')}>${msg('Videre til sletting', { id: 'workshop.end-next' })}</button>
          ${close}
        </div>
      </section>`;
    }
    return html`<section class="manage-panel end-confirm" role="alertdialog" aria-labelledby="end-title" aria-describedby="end-question" @keydown=${this.#onManageKeydown}>
      <h3 id="end-title" tabindex="-1">${msg('Avslutt og slett rommet', { id: 'workshop.end' })}</h3>
      <p id="end-question">${msg('Slette rommet for alle nå? Alle blir koblet fra, og det kan ikke angres.', { id: 'workshop.end-question' })}</p>
      <div class="actions">
        <button type="button" class="confirm-end danger" @click=${() => this.#end()}>${msg('Avslutt og slett rommet', { id: 'workshop.end' })}</button>
        ${close}
      </div>
    </section>`;
  }

  #renderPeople(close: unknown) {
    const people = this.#people?.filter((person) => !person.removed);
    const self = this.#credential?.sub;
    return html`<section class="manage-panel people-panel" aria-labelledby="people-title" @keydown=${this.#onManageKeydown}>
      <h3 id="people-title" tabindex="-1">${msg('Deltakere', { id: 'workshop.people' })}</h3>
      ${people
        ? html`<ul class="people-list">
            ${people.map((person) => {
              const name = person.name || msg('Uten navn', { id: 'workshop.unnamed' });
              const lead = person.role === 'facilitator';
              return html`<li class="person" data-sub=${person.sub}>
                <span class="person-name">${name}${person.sub === self ? html` ${msg('(deg)', { id: 'workshop.you' })}` : lead ? html` ${msg('(leder)', { id: 'workshop.lead' })}` : nothing}</span>
                ${lead
                  ? nothing
                  : this.#removing === person.sub
                    ? html`<span class="remove-person-question" role="group" aria-label=${msg(str`Fjern ${name}`, { id: 'workshop.remove-person' })}>
                        <span id=${`remove-${person.sub}`}>${msg(str`Ta ${name} ut av økta? Tilgangen stenges, og den kommer ikke inn igjen. Det som alt er på enheten, blir der.`, { id: 'workshop.remove-person-question' })}</span>
                        <button type="button" class="confirm-remove-person" aria-describedby=${`remove-${person.sub}`} @click=${() => this.#remove(person)}>${msg(str`Fjern ${name}`, { id: 'workshop.remove-person' })}</button>
                        <button
                          type="button"
                          class="cancel-remove-person"
                          @click=${() => {
                            this.#removing = undefined;
                            this.#update();
                            this.#focusSoon(`.person[data-sub="${CSS.escape(person.sub)}"] .remove-person`);
                          }}
                        >
                          ${msg('Avbryt', { id: 'workshop.cancel' })}
                        </button>
                      </span>`
                    : html`<button
                        type="button"
                        class="remove-person"
                        aria-label=${msg(str`Fjern ${name}`, { id: 'workshop.remove-person' })}
                        @click=${() => {
                          this.#removing = person.sub;
                          this.#update();
                          this.#focusSoon('.cancel-remove-person');
                        }}
                      >
                        ${msg('Fjern', { id: 'workshop.remove' })}
                      </button>`}
              </li>`;
            })}
          </ul>`
        : html`<p>${msg('Henter deltakerne …', { id: 'workshop.people-loading' })}</p>`}
      <div class="actions">${close}</div>
    </section>`;
  }

  /**
   * The server refused the credential for good (the person was removed, the room ended) or the person
   * removed the room from this device: the credential leaves the device too.
   */
  #watchRoom(): void {
    // The guide's live room (its controller is the element's own; the workshop only reads it).
    const room = (this.host as unknown as { guide: { room?: { removedFromDevice: boolean; connection: { state: { status: string; reason?: string } } } } }).guide.room;
    if (!room || this.#leaving) return;
    const { status, reason = '' } = room.connection.state;
    const refused = (status === 'refused' || status === 'unauthorized') && FINAL.has(reason);
    if (!refused && !room.removedFromDevice) return;
    this.#leaving = true;
    queueMicrotask(() => {
      // A facilitator's credential is revoked when a hand-over link is used: the lead moved, nobody removed them.
      if (refused && reason === 'credential-revoked' && this.#key) this.#error = msg('Ledelsen er gitt videre til en annen enhet.', { id: 'workshop.handed-over' });
      else if (refused) this.#error = refusalMessage(reason === 'room-deleted' ? 'room-ended' : (reason as WorkshopRefusal));
      void this.#leave().finally(() => (this.#leaving = false));
    });
  }

  #leaving = false;

  async #copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      announce(msg('Lenken er kopiert.', { id: 'workshop.copied' }));
    } catch {
      announce(msg('Lenken kunne ikke kopieres. Merk den og kopier den selv.', { id: 'workshop.copy-failed' }));
    }
  }
}

const timeOf = (at: number) => new Intl.DateTimeFormat(intlLocale(Intl.DateTimeFormat), { hour: '2-digit', minute: '2-digit' }).format(at);

const workshops = new WeakMap<WorkshopHost, Workshop>();

/** The workshop of a guide (made the first time): called by the guide once this chunk has arrived. */
export function workshopOf(host: WorkshopHost): WorkshopUi {
  let workshop = workshops.get(host);
  if (!workshop) workshops.set(host, (workshop = new Workshop(host)));
  return workshop;
}
