import { InnovasjonOppfolging } from './innovasjon-oppfolging.component.js';

export * from './innovasjon-oppfolging.component.js';

if (!customElements.get('innovasjon-oppfolging')) customElements.define('innovasjon-oppfolging', InnovasjonOppfolging);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-oppfolging': InnovasjonOppfolging;
  }
}
