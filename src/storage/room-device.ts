// What the guide keeps in localStorage for one live room on this device, beside the room's copy in
// IndexedDB (RoomConnection). `forget-room.ts` removes every one of them; it is the room chunk's alone.

/**
 * The small values kept per room: `hidden` the notes written while writing is hidden (or before the
 * room's session is known), `own` the ids of one's own notes, `held` the edits kept back while the page
 * cannot write to the room, `brought-into` the answer to the offer of notes from before the room.
 */
export type RoomDeviceValue = 'hidden' | 'own' | 'held' | 'brought-into';

/** Where the guide under `storageKey` keeps one of the room's values (`url`: the service's first address). */
export const roomDeviceKey = (storageKey: string, what: RoomDeviceValue, url: string, room: string): string => `${storageKey}:${what}:${url}#${room}`;
