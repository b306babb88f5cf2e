// Removing a live room from this device («Fjern fra denne enheten», or a room the server deleted)
// leaves none of the small values the guide kept for it. Imported by the room's chunk only.
import { writeDeviceValue } from './device-value.js';
import { identityStorageKey } from './participant.js';
import { roomDeviceKey, type RoomDeviceValue } from './room-device.js';

/** Every per-room value: a value added to `RoomDeviceValue` and not here does not compile. */
const VALUES: Record<RoomDeviceValue, true> = { hidden: true, own: true, held: true, 'brought-into': true };

/**
 * Removes every value the guide keeps for the room on this device, and the name and participant id
 * remembered under `storageKey` (`<storageKey>:participant`, shared with other uses of that key).
 * The room's IndexedDB copy is the connection's to remove; what the page holds in memory, its own.
 */
export function forgetRoomOnDevice(storageKey: string, url: string, room: string): void {
  for (const what of Object.keys(VALUES) as RoomDeviceValue[]) writeDeviceValue(roomDeviceKey(storageKey, what, url, room), undefined);
  writeDeviceValue(identityStorageKey(storageKey), undefined);
}
