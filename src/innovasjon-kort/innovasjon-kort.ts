import { define } from '../internal/define.js';
import { InnovasjonKort } from './innovasjon-kort.component.js';
// After the element's own imports (which reach events.js first), so the bundle's module order stays; kept in the entry's
// types (a side-effect import survives in .d.ts), so importing this entry alone types the library's events.
import '../events.js';

export * from './innovasjon-kort.component.js';

define('innovasjon-kort', InnovasjonKort);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-kort': InnovasjonKort;
  }
}
