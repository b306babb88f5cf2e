import { define } from '../internal/define.js';
import { RefleksjonLappMenu } from './note-menu.js';
import { RefleksjonLapp } from './refleksjon-lapp.component.js';

export * from './refleksjon-lapp.component.js';
export { NoteMenuController, noteMenuContext, RefleksjonLappMenu } from './note-menu.js';

define('refleksjon-lapp-menu', RefleksjonLappMenu);
define('refleksjon-lapp', RefleksjonLapp);

declare global {
  interface HTMLElementTagNameMap {
    'refleksjon-lapp': RefleksjonLapp;
  }
}
