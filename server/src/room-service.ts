// One room service: listing, exporting, deleting (the session document with its room),
// snapshots and restores, retention and migration, used alike by the running server (admin
// routes, retention) and by the operator's CLI when no server runs, so the two cannot drift.
import * as Y from 'yjs';
import { SESSION_SUFFIX } from '../../src/collab/schema.js';
import { exportRoom, type RoomExport } from './export.js';
import { roomOf } from './limits.js';
import { log } from './log.js';
import type { DeletedRoom, DeletionReason, RoomInfo, RoomStorage, SnapshotInfo } from './storage.js';

/** What a running server adds: its loaded documents, and closing a room's connections everywhere. */
export interface LiveRooms {
  document(name: string): Y.Doc | undefined;
  connections(name: string): number;
  /** Closes the room's connections on this instance; returns whether it was open here. */
  close(name: string): boolean;
  /** Tells the other instances (Redis) that the room was deleted. */
  announceDeleted(name: string): Promise<void> | void;
  /** Whether a document is loaded here (retention leaves those alone). */
  isOpen(name: string): boolean;
}

export interface RoomListing extends RoomInfo {
  open: boolean;
  connections: number;
  /** The session document's size, counted with its room. */
  sessionBytes: number;
}

export interface Listing {
  rooms: RoomListing[];
  deleted: DeletedRoom[];
}

export class RoomService {
  constructor(
    readonly store: RoomStorage,
    private readonly live?: LiveRooms,
  ) {}

  async list(): Promise<Listing> {
    const all = await this.store.list();
    const sessions = new Map(all.filter((room) => roomOf(room.name) !== room.name).map((room) => [roomOf(room.name), room]));
    const rooms = all
      .filter((room) => roomOf(room.name) === room.name)
      .map((room) => ({
        ...room,
        open: this.live?.isOpen(room.name) ?? false,
        connections: this.live?.connections(room.name) ?? 0,
        sessionBytes: sessions.get(room.name)?.bytes ?? 0,
      }));
    // A session document whose room was never stored is listed under its room's name too.
    for (const [name, session] of sessions) {
      if (!rooms.some((room) => room.name === name)) {
        rooms.push({ ...session, name, bytes: 0, open: false, connections: 0, sessionBytes: session.bytes });
      }
    }
    rooms.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const deleted = (await this.store.listDeleted()).filter((room) => roomOf(room.name) === room.name);
    return { rooms, deleted };
  }

  /** The room's state: the loaded document where the server has it, else what is stored. */
  private async doc(name: string): Promise<Y.Doc | undefined> {
    const open = this.live?.document(name);
    if (open) return open;
    const state = await this.store.fetch(name);
    if (!state) return undefined;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  }

  async export(name: string): Promise<RoomExport | 'deleted' | undefined> {
    if ((await this.store.deletedAt(name)) !== null) return 'deleted';
    const doc = await this.doc(name);
    if (!doc) return undefined;
    return exportRoom(name, doc, await this.store.info(name));
  }

  /**
   * Erases a room and its session document, with their snapshots, and remembers both names;
   * closes their connections here and tells the other instances. Returns whether anything existed.
   */
  async delete(name: string, reason: DeletionReason): Promise<boolean> {
    const vectorOf = (documentName: string) => {
      const open = this.live?.document(documentName);
      return open ? Y.encodeStateVector(open) : undefined;
    };
    const existed = await this.store.deleteRoom(name, reason, undefined, vectorOf(name));
    const sessionName = `${name}${SESSION_SUFFIX}`;
    const session = await this.store.deleteRoom(sessionName, reason, undefined, vectorOf(sessionName));
    const open = this.live?.close(name) ?? false;
    await this.live?.announceDeleted(name);
    log('delete', { room: name, reason, existed: existed || session || open });
    return existed || session || open;
  }

  /**
   * Lets a deleted name be used again, on purpose, as a new generation: the room starts empty, and
   * every update from a copy of an earlier generation (its Yjs clients) is refused as deleted.
   */
  async reuse(name: string): Promise<number> {
    const generation = await this.store.reuse(name);
    if (generation === null) throw new Error(`Room ${name} is not deleted; only a deleted name can be used again.`);
    await this.store.reuse(`${name}${SESSION_SUFFIX}`);
    log('reuse', { room: name, generation });
    return generation;
  }

  snapshots(name: string): Promise<SnapshotInfo[]> {
    return this.store.snapshots(name);
  }

  /**
   * Restores a room to its newest snapshot taken at or before `at`: the change is written as a new
   * change on top of today's state (keys the snapshot lacks are removed, the others set as they
   * were), so every connected page and every device copy follows instead of bringing the newer
   * content back. Returns the snapshot used.
   */
  async restore(name: string, at: number): Promise<SnapshotInfo> {
    if ((await this.store.deletedAt(name)) !== null) throw new Error(`Room ${name} was deleted; a deleted room cannot be restored.`);
    const chosen = (await this.store.snapshots(name)).filter((snapshot) => snapshot.takenAt <= at).pop();
    if (!chosen) throw new Error(`Room ${name} has no snapshot taken at or before ${new Date(at).toISOString()}.`);
    const state = await this.store.snapshot(name, chosen.takenAt);
    if (!state) throw new Error(`The snapshot of ${name} at ${new Date(chosen.takenAt).toISOString()} is gone.`);
    const past = new Y.Doc();
    Y.applyUpdate(past, state);
    const open = this.live?.document(name);
    if (open) {
      // The loaded room changes, and its connections and its storage follow as for any change.
      open.transact(() => copyRoots(past, open), 'restore');
    } else {
      const doc = (await this.doc(name)) ?? new Y.Doc();
      copyRoots(past, doc);
      await this.store.replace(name, Y.encodeStateAsUpdate(doc));
    }
    log('restore', { room: name, snapshot: new Date(chosen.takenAt).toISOString() });
    return chosen;
  }

  /**
   * Retention: rooms idle past the cutoff are deleted (with their session documents), session
   * documents whose room is gone are swept, and snapshots older than the policy keeps are dropped.
   */
  async sweep(cutoff: number): Promise<number> {
    let deleted = 0;
    for (const name of await this.store.idleSince(cutoff)) {
      const room = roomOf(name);
      if (this.live?.isOpen(room) || this.live?.isOpen(name)) continue;
      await this.delete(room, 'retention');
      deleted += 1;
    }
    await this.store.pruneSnapshots();
    return deleted;
  }
}

/** Makes `target`'s root maps hold what `source`'s hold: removed keys go, changed ones are set again. */
function copyRoots(source: Y.Doc, target: Y.Doc): void {
  const roots = new Set([...source.share.keys(), ...target.share.keys()]);
  for (const root of roots) {
    const from = source.getMap(root);
    const to = target.getMap(root);
    for (const key of [...to.keys()]) if (!from.has(key)) to.delete(key);
    for (const [key, value] of from.entries()) {
      if (JSON.stringify(toJSON(to.get(key))) === JSON.stringify(toJSON(value))) continue;
      to.set(key, value instanceof Y.AbstractType ? value.clone() : value);
    }
  }
}

const toJSON = (value: unknown): unknown => (value instanceof Y.AbstractType ? value.toJSON() : value);

/**
 * Copies every room (state and snapshots), every session document and every remembered deletion
 * from one storage to another. Safe to run again: states merge (Yjs), deletions and snapshots are
 * kept once; a room deleted in the target stays deleted.
 */
/** Counts: documents copied (rooms and session documents), snapshots, and deleted rooms remembered. */
export async function migrateRooms(from: RoomStorage, to: RoomStorage): Promise<{ rooms: number; deleted: number; snapshots: number }> {
  let rooms = 0;
  let snapshots = 0;
  for (const deleted of await from.listDeleted()) await to.rememberDeleted(deleted);
  for (const info of await from.list()) {
    const state = await from.fetch(info.name);
    if (state && (await to.append(info.name, state, info.lastActivity))) rooms += 1;
    await to.touch(info.name, info.lastActivity);
    for (const snapshot of await from.snapshots(info.name)) {
      const data = await from.snapshot(info.name, snapshot.takenAt);
      if (data) {
        await to.addSnapshot(info.name, snapshot.takenAt, data);
        snapshots += 1;
      }
    }
  }
  const deleted = (await from.listDeleted()).filter((room) => roomOf(room.name) === room.name).length;
  return { rooms, deleted, snapshots };
}
