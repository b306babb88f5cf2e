// The CMS bundle's entry: one <script type="module"> registers the guide and
// the step (and the parts they show). Features reached by a click (export,
// import, the timer, the move dialog, dragging) are chunks beside the bundle,
// fetched the first time they are used.
import './innovasjon-guide/innovasjon-guide.js';
import './innovasjon-trinn/innovasjon-trinn.js';

export type { InnovasjonGuide } from './innovasjon-guide/innovasjon-guide.component.js';
export type { InnovasjonTrinn } from './innovasjon-trinn/innovasjon-trinn.component.js';
export type * from './events.js';
