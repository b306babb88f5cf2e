// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The en translations of the "collab" feature: they load with its chunk.
/* eslint-disable no-irregular-whitespace */
import { str } from '@lit/localize';
void str;

export const templates = {
'collab.anonymous-explain': `You are writing without a name: your name does not go with the note, and the others in the room cannot see that it is yours. Whoever runs the server could in principle tell which connection the note came from, and if you change it later, the change can be tied to you.`,
'collab.bring-in': `Bring them in`,
'collab.brought-in': `The notes from this device have been brought into the room.`,
'collab.cancel': `Cancel`,
'collab.follow-join': `Follow the facilitator`,
'collab.follow-leave': `Go on my own`,
'collab.follow-moved': str`The facilitator is on step ${0}. You are following.`,
'collab.follow-off': `You are going on your own.`,
'collab.follow-on': str`You are following the facilitator (step ${0}).`,
'collab.here': `Here now`,
'collab.here-count': str`Here now (${0}):`,
'collab.here-list': str`Here now, ${0} people`,
'collab.hidden-count-of': str`${0}: ${1}`,
'collab.joined': str`Joined: ${0}.`,
'collab.keep-apart': `Leave them on the device`,
'collab.left': str`Left: ${0}.`,
'collab.offer-many': str`This device has ${0} notes from before the guide was shared. Bring them into the room, so everyone sees them?`,
'collab.offer-one': `This device has one note from before the guide was shared. Bring it into the room, so everyone sees it?`,
'collab.remove': `Remove`,
'collab.remove-device': `Remove from this device`,
'collab.remove-question': `The copy of the room on this device is deleted (useful on a shared PC). What is stored on the server, and the others' notes, are untouched.`,
'collab.removed': `Removed from this device. Reload the page to connect again.`,
'collab.removed-announcement': `The room has been removed from this device. What is stored on the server is untouched.`,
'collab.someone-unnamed': `someone without a name`,
'collab.status.connected': `Connected. Changes are shared with the others in the room.`,
'collab.status.connecting': `Connecting to the room …`,
'collab.status.deleted': `The room has been deleted, and the copy on this device has been removed.`,
'collab.status.offline': `Offline. Your changes are kept on this device and sent when the connection is back.`,
'collab.status.refused': str`The server did not accept the changes (${0}). The notes are still here; export them to keep them.`,
'collab.status.unauthorized': `No access to the room. The link may have expired: reload the page or ask for a new link. Your notes are still here.`,
'collab.status.waiting': `Offline: the server cannot take changes just now. Your changes are kept on this device, and the page tries again by itself.`,
'collab.take-lead': `I am leading the session`,
'collab.take-lead-hint': `For trying it out only: the server runs without sign-in, so anyone can take this role.`,
'collab.unnamed': `No name`,
'collab.you': `(you)`,
};
