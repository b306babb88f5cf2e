import { InnovasjonKort } from './innovasjon-kort.component.js';

export * from './innovasjon-kort.component.js';

if (!customElements.get('innovasjon-kort')) customElements.define('innovasjon-kort', InnovasjonKort);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-kort': InnovasjonKort;
  }
}
