import { define } from '../internal/define.js';
import { InnovasjonTrinn } from './innovasjon-trinn.component.js';

export * from './innovasjon-trinn.component.js';

define('innovasjon-trinn', InnovasjonTrinn);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-trinn': InnovasjonTrinn;
  }
}
