import { msg } from '@lit/localize';
import { html, nothing, type ReactiveController } from 'lit';
import type { ExportFormat } from '../export/formats.js';
import type { ImportFlow, ImportHost } from '../features/import-flow.js';
import { loadFeature } from '../internal/load-feature.js';

/** What the toolbar needs from the guide. */
export interface ToolbarHost extends ImportHost {
  readonly readonly: boolean;
  download(format: ExportFormat): Promise<string>;
  print(): Promise<void>;
  startPresentation(): Promise<void>;
}

/**
 * The guide's toolbar: print, download in three formats, and import from a
 * file. The code behind download and import is fetched on first use.
 */
export class GuideToolbar implements ReactiveController {
  #flow?: ImportFlow;

  constructor(private readonly host: ToolbarHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  #pick(): void {
    // The file picker opens in the click itself; its code is fetched meanwhile.
    this.host.renderRoot.querySelector<HTMLInputElement>('input.import-file')?.click();
    void loadFeature(this.host, 'transfer').catch(() => {});
  }

  // An arrow function: Lit calls listeners with the element as `this`, not this controller.
  #onFile = async (event: Event): Promise<void> => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const { ImportFlow } = await loadFeature(this.host, 'transfer');
    this.#flow ??= new ImportFlow(this.host);
    await this.#flow.read(file);
  };

  render() {
    const formats: [ExportFormat, string][] = [
      ['markdown', msg('Markdown (tekst)')],
      ['csv', msg('CSV (regneark)')],
      ['json', msg('JSON (for import)')],
    ];
    return html`<div part="toolbar" class="toolbar">
        <button type="button" class="print" @click=${() => this.host.print()}>${msg('Skriv ut')}</button>
        <button type="button" class="start-presentation" @click=${() => this.host.startPresentation()}>
          ${msg('Presentasjonsvisning', { id: 'presentation.start' })}
        </button>
        <div class="group" role="group" aria-labelledby="download-label">
          <span id="download-label" class="group-label">${msg('Last ned:')}</span>
          ${formats.map(
            ([format, label]) =>
              html`<button
                type="button"
                class=${`download-${format}`}
                @click=${() => this.host.download(format).catch(() => {})}
              >
                ${label}
              </button>`,
          )}
        </div>
        ${this.host.readonly
          ? nothing
          : html`<button type="button" class="import" @click=${() => this.#pick()}>${msg('Importer fra fil …')}</button>
              <input
                class="import-file"
                type="file"
                accept=".json,application/json"
                hidden
                aria-hidden="true"
                tabindex="-1"
                @change=${this.#onFile}
              />`}
      </div>
      ${this.#flow?.render() ?? nothing}`;
  }
}
