import { InnovasjonTidtaker } from './innovasjon-tidtaker.component.js';

export * from './innovasjon-tidtaker.component.js';

if (!customElements.get('innovasjon-tidtaker')) customElements.define('innovasjon-tidtaker', InnovasjonTidtaker);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-tidtaker': InnovasjonTidtaker;
  }
}
