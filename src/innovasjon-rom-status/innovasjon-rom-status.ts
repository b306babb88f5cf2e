import { define } from '../internal/define.js';
import { InnovasjonRomStatus } from './innovasjon-rom-status.component.js';
// After the element's own imports (which reach events.js first), so the bundle's module order stays; kept in the entry's
// types (a side-effect import survives in .d.ts), so importing this entry alone types the library's events.
import '../events.js';

export * from './innovasjon-rom-status.component.js';

define('innovasjon-rom-status', InnovasjonRomStatus);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-rom-status': InnovasjonRomStatus;
  }
}
