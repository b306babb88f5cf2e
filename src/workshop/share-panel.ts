// The facilitator's share panel: the link with a copy button, the code in large type, a QR code of the
// link, how long each lasts, *Lag ny lenke* and the door. Its own chunk, fetched when the panel opens.
// The QR code is drawn with Lit `svg` templates (no inline style, no innerHTML: strict CSP and Trusted
// Types hold); uqr encodes the link into its module matrix.
import { msg, str } from '@lit/localize';
import { html, nothing, svg } from 'lit';
import { encode } from 'uqr';
import { workshopTranslations } from '../generated/locales/workshop/loaders.js';
import { intlLocale } from '../internal/intl.js';
import { addTranslations } from '../localization.js';

await addTranslations(workshopTranslations);

export interface ShareState {
  /** The participant link; unknown after a reload (the server keeps no invitation to show): *Lag ny lenke* makes one. */
  readonly link?: string;
  readonly code: string | null;
  readonly linkExpiresAt: number | null;
  readonly codeExpiresAt: number | null;
  readonly door: 'open' | 'closed';
}

export interface ShareActions {
  newLink(): Promise<void>;
  door(open: boolean): Promise<void>;
  close(): void;
  copy(text: string): Promise<void>;
}

const timeFormat = () => new Intl.DateTimeFormat(intlLocale(Intl.DateTimeFormat), { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** The QR code of `text` as one SVG path: a square per dark module, with the quiet zone the standard asks for. */
export function qrCode(text: string, label: string) {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return html`<svg class="qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${path} fill="#000"></path>`}
  </svg>`;
}

export function renderSharePanel(state: ShareState, actions: ShareActions) {
  const until = (at: number | null) => (at === null ? '' : timeFormat().format(at));
  const open = state.door === 'open';
  return html`<section class="share-panel" aria-labelledby="share-title" @keydown=${(event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      actions.close();
    }
  }}>
    <h3 id="share-title" class="share-title" tabindex="-1">${msg('Del økta', { id: 'workshop.share' })}</h3>
    ${open
      ? nothing
      : html`<p class="door-state">${msg('Døren er lukket: lenken og koden slipper ingen nye inn før du åpner den igjen.', { id: 'workshop.door-closed-note' })}</p>`}
    ${state.link
      ? html`<p class="link-line">
            <span class="label">${msg('Lenke til økta:', { id: 'workshop.link-label' })}</span>
            <code class="link">${state.link}</code>
          </p>
          <p>
            <button type="button" class="copy-link" @click=${() => actions.copy(state.link!)}>${msg('Kopier lenken', { id: 'workshop.copy' })}</button>
            <span class="expires">${msg(str`Lenken virker til ${until(state.linkExpiresAt)}.`, { id: 'workshop.link-expires' })}</span>
          </p>
          ${qrCode(state.link, msg('QR-kode med lenken til økta', { id: 'workshop.qr-label' }))}`
      : html`<p class="no-link">${msg('Lenken vises bare da den ble laget. Lag en ny lenke for å vise den igjen.', { id: 'workshop.no-link' })}</p>`}
    ${state.code
      ? html`<p class="code-line">${msg('Eller gå til siden og skriv koden:', { id: 'workshop.code-intro' })}</p>
          <p class="join-code">${state.code}</p>
          <p class="expires">${msg(str`Koden virker til ${until(state.codeExpiresAt)}.`, { id: 'workshop.code-expires' })}</p>`
      : nothing}
    <div class="actions">
      <button type="button" class="new-link" @click=${() => actions.newLink()}>${msg('Lag ny lenke', { id: 'workshop.new-link' })}</button>
      <button type="button" class="door" @click=${() => actions.door(!open)}>
        ${open ? msg('Lukk døren', { id: 'workshop.close-door' }) : msg('Åpne døren', { id: 'workshop.open-door' })}
      </button>
      <button type="button" class="close-share" @click=${() => actions.close()}>${msg('Lukk', { id: 'workshop.close-panel' })}</button>
    </div>
  </section>`;
}

/** The code and the QR code of the link on the projector, dark on light, while the door is open. */
export function renderProjectorShare(state: ShareState) {
  if (state.door !== 'open' || (!state.code && !state.link)) return nothing;
  return html`<aside class="projector-share" aria-label=${msg('Bli med i økta', { id: 'workshop.projector-label' })}>
    ${state.link ? qrCode(state.link, msg('QR-kode med lenken til økta', { id: 'workshop.qr-label' })) : nothing}
    ${state.code
      ? html`<p class="projector-code-intro">${msg('Eller gå til siden og skriv koden:', { id: 'workshop.code-intro' })}</p>
          <p class="join-code">${state.code}</p>`
      : nothing}
  </aside>`;
}
