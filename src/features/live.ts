// The live room's chunk, fetched only when a guide has `collab-url`: the live
// layer (src/collab/, no Lit) with what the element layer adds to it: the
// room's translations (added before anything renders), <innovasjon-rom-status>,
// and the announcer that says what the room tells.
import { LiveRoom as CollabLiveRoom, type RoomOptions } from '../collab/live-room.js';
import { collabTranslations } from '../generated/locales/collab/loaders.js';
import { speakRoom } from '../innovasjon-rom-status/room-messages.js';
import '../innovasjon-rom-status/innovasjon-rom-status.js';
import { addTranslations } from '../localization.js';

await addTranslations(collabTranslations);

/** A live room whose news is said on the page (in the person's language, through the one live region). */
export class LiveRoom extends CollabLiveRoom {
  readonly #silence: () => void;

  constructor(options: RoomOptions) {
    super(options);
    this.#silence = speakRoom(this);
  }

  override destroy(): void {
    this.#silence();
    super.destroy();
  }
}

export * from '../collab/index.js';
export { connectionMessage, readOnlyMessage } from '../innovasjon-rom-status/room-messages.js';
export { InnovasjonRomStatus } from '../innovasjon-rom-status/innovasjon-rom-status.js';
