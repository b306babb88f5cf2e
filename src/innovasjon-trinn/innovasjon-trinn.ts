import { InnovasjonTrinn } from './innovasjon-trinn.component.js';

export * from './innovasjon-trinn.component.js';

if (!customElements.get('innovasjon-trinn')) customElements.define('innovasjon-trinn', InnovasjonTrinn);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-trinn': InnovasjonTrinn;
  }
}
