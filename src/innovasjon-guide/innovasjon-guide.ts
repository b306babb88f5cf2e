import { InnovasjonGuide } from './innovasjon-guide.component.js';

export * from './innovasjon-guide.component.js';

if (!customElements.get('innovasjon-guide')) customElements.define('innovasjon-guide', InnovasjonGuide);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-guide': InnovasjonGuide;
  }
}
