import { RefleksjonLappMenu } from './note-menu.js';
import { RefleksjonLapp } from './refleksjon-lapp.component.js';

export * from './refleksjon-lapp.component.js';
export { NoteMenuController, noteMenuContext, RefleksjonLappMenu } from './note-menu.js';

if (!customElements.get('refleksjon-lapp-menu')) customElements.define('refleksjon-lapp-menu', RefleksjonLappMenu);
if (!customElements.get('refleksjon-lapp')) customElements.define('refleksjon-lapp', RefleksjonLapp);

declare global {
  interface HTMLElementTagNameMap {
    'refleksjon-lapp': RefleksjonLapp;
  }
}
