import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { cardIdsOf } from '../content/turguide.js';
import type { GuideContent } from '../content/types.js';
import { emit } from '../events.js';
import { ImportError, MAX_IMPORT_BYTES, readImport } from '../store/import.js';

/** What the import flow needs from the guide. */
export interface ImportHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly content: GuideContent;
  importData(input: string, options: { mode: 'replace' | 'merge' }): Promise<unknown>;
  /** False in a room someone else leads: a file is merged, never put in place of the room's notes. */
  readonly othersNotesFixed: boolean;
  hasWork(): boolean;
}

export function importMessage(error: unknown): string {
  const problem = error instanceof ImportError ? error.problem : 'invalid';
  switch (problem) {
    case 'too-large':
      return msg(str`Filen er for stor. Den kan være på høyst ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    case 'not-json':
      return msg('Filen kunne ikke leses. Velg en JSON-fil som er lastet ned fra turguiden.');
    case 'wrong-format':
      return msg('Filen er ikke en eksport fra Turguide for innovasjon. Velg en JSON-fil som er lastet ned fra turguiden.');
    case 'newer-version':
      return msg('Filen er laget med en nyere versjon av turguiden. Be den som har ansvar for nettsiden om å oppdatere turguiden.');
    default:
      return msg('Filen har feil eller mangler i innholdet, og ble ikke importert. Ingenting er endret.');
  }
}

/**
 * Importing a file the person picked: check it before asking anything, ask
 * before replacing the team's work (merge is the default), and say clearly
 * what was wrong with a bad file.
 */
export class ImportFlow {
  #pending?: { name: string; text: string };
  #error?: { message: string; detail: string };

  constructor(private readonly host: ImportHost) {}

  async read(file: File): Promise<void> {
    this.#error = undefined;
    if (file.size > MAX_IMPORT_BYTES) {
      const error = new ImportError('too-large', `The file is ${file.size} bytes; the limit is ${MAX_IMPORT_BYTES}.`);
      emit(this.host, 'innovasjon-error', { code: 'import-invalid', message: error.message });
      return this.#fail(error);
    }
    const text = await file.text();
    try {
      readImport(text, cardIdsOf(this.host.content)); // a bad file is refused before anyone is asked anything
    } catch (error) {
      emit(this.host, 'innovasjon-error', { code: 'import-invalid', message: (error as Error).message });
      return this.#fail(error);
    }
    if (this.host.othersNotesFixed) return this.#import(text, 'merge');
    if (!this.host.hasWork()) return this.#import(text, 'replace');
    this.#pending = { name: file.name, text };
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.import-dialog')?.showModal();
  }

  async #import(text: string, mode: 'replace' | 'merge'): Promise<void> {
    try {
      await this.host.importData(text, { mode });
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    this.#error = { message: importMessage(error), detail: error instanceof Error ? error.message : String(error) };
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('.import-error')?.focus());
  }

  async #choose(mode: 'replace' | 'merge' | 'cancel'): Promise<void> {
    const pending = this.#pending;
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.import-dialog')?.close();
    this.#pending = undefined;
    this.host.requestUpdate();
    if (pending && mode !== 'cancel') await this.#import(pending.text, mode);
    this.host.renderRoot.querySelector<HTMLElement>('button.import')?.focus();
  }

  render() {
    return html`${this.#error
      ? html`<div class="message import-error" role="alert" tabindex="-1">
          <p>${this.#error.message} <span class="detail"
            >(${msg('teknisk detalj:')} <code translate="no" lang="en">${this.#error.detail}</code>)</span
          ></p>
          <button type="button" @click=${() => ((this.#error = undefined), this.host.requestUpdate())}>
            ${msg('Lukk meldingen')}
          </button>
        </div>`
      : nothing}
    ${this.#pending
      ? html`<dialog class="import-dialog" aria-labelledby="import-title" @cancel=${() => this.#choose('cancel')}>
          <p id="import-title" class="dialog-title">${msg(str`Importere «${this.#pending.name}»?`)}</p>
          <p>
            ${msg(
              'Dere har allerede lapper i guiden. Slå sammen beholder alt og tar inn det som er nytt. Erstatt fjerner det dere har, og setter inn innholdet i filen.',
            )}
          </p>
          <div class="dialog-buttons">
            <button type="button" class="merge primary" autofocus @click=${() => this.#choose('merge')}>
              ${msg('Slå sammen')}
            </button>
            <button type="button" class="replace" @click=${() => this.#choose('replace')}>${msg('Erstatt')}</button>
            <button type="button" class="cancel" @click=${() => this.#choose('cancel')}>${msg('Avbryt')}</button>
          </div>
        </dialog>`
      : nothing}`;
  }
}
