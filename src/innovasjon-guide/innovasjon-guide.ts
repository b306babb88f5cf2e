import { define } from '../internal/define.js';
import { InnovasjonGuide } from './innovasjon-guide.component.js';

export * from './innovasjon-guide.component.js';

define('innovasjon-guide', InnovasjonGuide);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-guide': InnovasjonGuide;
  }
}
