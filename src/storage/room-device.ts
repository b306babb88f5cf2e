// What the guide keeps in localStorage for one live room on this device, beside the room's copy in
// IndexedDB (RoomConnection): one place that names every such value, so that removing the room from
// the device («Fjern fra denne enheten», or a room the server deleted) leaves none of them behind.
import { writeDeviceValue } from './device-value.js';
import { forgetIdentity } from './participant.js';

/**
 * The small values kept per room: `hidden` the notes written while writing is hidden (or before the
 * room's session is known), `own` the ids of one's own notes, `held` the edits kept back while the page
 * cannot write to the room, `brought-into` the answer to the offer of notes from before the room.
 */
export type RoomDeviceValue = 'hidden' | 'own' | 'held' | 'brought-into';

const VALUES: readonly RoomDeviceValue[] = ['hidden', 'own', 'held', 'brought-into'];

/** Where the guide under `storageKey` keeps one of the room's values (`url`: the service's first address). */
export const roomDeviceKey = (storageKey: string, what: RoomDeviceValue, url: string, room: string): string => `${storageKey}:${what}:${url}#${room}`;

/**
 * Removes every value the guide keeps for the room on this device, and the name and participant id
 * remembered under `storageKey` (`<storageKey>:participant`; shared with other uses of that key).
 * The room's IndexedDB copy is the connection's to remove.
 */
export function forgetRoomOnDevice(storageKey: string, url: string, room: string): void {
  for (const what of VALUES) writeDeviceValue(roomDeviceKey(storageKey, what, url, room), undefined);
  forgetIdentity(storageKey);
}
