import * as Y from 'yjs';
import { ROOTS } from './limits.js';
import type { RoomInfo } from './storage.js';

/** Everything a room holds, as JSON: for a person's access request or the kommune's archive. */
export interface RoomExport {
  format: 'innovasjonsguide-room-export';
  room: string;
  exportedAt: string;
  createdAt?: string;
  lastActivity?: string;
  /** The schema's root maps (docs/collab-schema.md), as Yjs turns them into JSON. */
  content: Record<string, unknown>;
}

const iso = (time: number | undefined) => (time === undefined ? undefined : new Date(time).toISOString());

export function exportRoom(name: string, doc: Y.Doc, info?: RoomInfo): RoomExport {
  return {
    format: 'innovasjonsguide-room-export',
    room: name,
    exportedAt: new Date().toISOString(),
    createdAt: iso(info?.createdAt),
    lastActivity: iso(info?.lastActivity),
    content: Object.fromEntries(ROOTS.map((root) => [root, doc.getMap(root).toJSON()])),
  };
}
