import { define } from '../internal/define.js';
import { RefleksjonLappMenu } from './note-menu.js';
import { RefleksjonLapp } from './refleksjon-lapp.component.js';
// After the element's own imports (which reach events.js first), so the bundle's module order stays; kept in the entry's
// types (a side-effect import survives in .d.ts), so importing this entry alone types the library's events.
import '../events.js';

export * from './refleksjon-lapp.component.js';
export { NoteMenuController, noteMenuContext, RefleksjonLappMenu } from './note-menu.js';

define('refleksjon-lapp-menu', RefleksjonLappMenu);
define('refleksjon-lapp', RefleksjonLapp);

declare global {
  interface HTMLElementTagNameMap {
    'refleksjon-lapp': RefleksjonLapp;
  }
}
