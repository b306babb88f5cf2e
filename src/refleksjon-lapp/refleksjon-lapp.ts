import { RefleksjonLapp } from './refleksjon-lapp.component.js';

export * from './refleksjon-lapp.component.js';

if (!customElements.get('refleksjon-lapp')) customElements.define('refleksjon-lapp', RefleksjonLapp);

declare global {
  interface HTMLElementTagNameMap {
    'refleksjon-lapp': RefleksjonLapp;
  }
}
