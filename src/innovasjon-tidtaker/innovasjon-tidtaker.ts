import { define } from '../internal/define.js';
import { InnovasjonTidtaker } from './innovasjon-tidtaker.component.js';

export * from './innovasjon-tidtaker.component.js';

define('innovasjon-tidtaker', InnovasjonTidtaker);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-tidtaker': InnovasjonTidtaker;
  }
}
