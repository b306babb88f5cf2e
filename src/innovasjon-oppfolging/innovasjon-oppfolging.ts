import { define } from '../internal/define.js';
import { InnovasjonOppfolging } from './innovasjon-oppfolging.component.js';

export * from './innovasjon-oppfolging.component.js';

define('innovasjon-oppfolging', InnovasjonOppfolging);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-oppfolging': InnovasjonOppfolging;
  }
}
