import { InnovasjonOppsummering } from './innovasjon-oppsummering.component.js';

export * from './innovasjon-oppsummering.component.js';

if (!customElements.get('innovasjon-oppsummering')) customElements.define('innovasjon-oppsummering', InnovasjonOppsummering);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-oppsummering': InnovasjonOppsummering;
  }
}
