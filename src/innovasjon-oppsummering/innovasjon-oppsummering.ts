import { define } from '../internal/define.js';
import { InnovasjonOppsummering } from './innovasjon-oppsummering.component.js';

export * from './innovasjon-oppsummering.component.js';

define('innovasjon-oppsummering', InnovasjonOppsummering);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-oppsummering': InnovasjonOppsummering;
  }
}
