import { define } from '../internal/define.js';
import { RefleksjonLapp } from './refleksjon-lapp.component.js';

export * from './refleksjon-lapp.component.js';

define('refleksjon-lapp', RefleksjonLapp);

declare global {
  interface HTMLElementTagNameMap {
    'refleksjon-lapp': RefleksjonLapp;
  }
}
