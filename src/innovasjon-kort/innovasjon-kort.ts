import { define } from '../internal/define.js';
import { InnovasjonKort } from './innovasjon-kort.component.js';

export * from './innovasjon-kort.component.js';

define('innovasjon-kort', InnovasjonKort);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-kort': InnovasjonKort;
  }
}
