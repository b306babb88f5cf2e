import { define } from '../internal/define.js';
import { InnovasjonRomStatus } from './innovasjon-rom-status.component.js';

export * from './innovasjon-rom-status.component.js';

define('innovasjon-rom-status', InnovasjonRomStatus);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-rom-status': InnovasjonRomStatus;
  }
}
