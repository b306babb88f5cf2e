// Who may open a room: room tokens (COLLAB_SECRET), tenants' tokens (TENANTS_FILE) or the open
// development mode; deleted rooms are refused; a session document is read-only for everyone
// but a facilitator.
//
// Bad days: a storage that does not answer (PostgreSQL stopped, a disk that fails) is a wait, not
// a refusal. The page is told `storage-unavailable` on a close code outside 4400–4499 (4503), so
// it keeps its device copy and tries again with backoff; `server-error` (4500) likewise. The room
// is loaded here, while authenticating, so that a storage failure while loading is answered the
// same way (Hocuspocus would answer a failed load with `permission-denied`, which is final). The
// log names what failed (`failed=postgres error=…`). Only a deleted room and a refused token are
// final. A room already open on this instance is not held up by a failing deletion check: it
// cannot have been deleted without being closed here.
import type { Connection, connectedPayload, Extension, Hocuspocus, onAuthenticatePayload, onDisconnectPayload, onTokenSyncPayload } from '@hocuspocus/server';
import { OPEN_MODE_LEAD_TOKEN } from '../../../src/collab/schema.js';
import type { ReportRefusal, RoomContext, SocketState } from '../context.js';
import { Refusal, ROOM_NAME, roomOf } from '../limits.js';
import { log } from '../log.js';
import type { RoomStorage } from '../storage.js';
import type { TenantKeys } from '../tenants.js';
import { looksLikeCredential } from '../workshop/credentials.js';
import { verifyRoomToken, verifyTenantRoomToken, type Claims } from '../tokens.js';

export interface AuthenticationOptions {
  secret: Uint8Array | null;
  tenants: () => TenantKeys | null;
  store: RoomStorage;
  socketOf: (request: Request) => SocketState | undefined;
  report: ReportRefusal;
  touch: (documentName: string) => Promise<void>;
  connections: () => number;
  /** Rooms the storage may hold; a new room past it is refused. */
  maxRooms: number;
  /** A personal credential from a room made on request (workshop/service.ts): its claims, or a Refusal. */
  credentials?: (token: string, documentName: string) => Promise<Claims>;
}

/** A fresh token is asked for this long before the one a connection holds expires (at most half its time left). */
export const TOKEN_REFRESH_LEAD_MS = 60_000;

export class Authentication implements Extension {
  extensionName = 'innovasjonsguide-authentication';
  readonly #timers = new WeakMap<Connection, ReturnType<typeof setTimeout>[]>();
  readonly #connectionOf = new WeakMap<object, Connection>();

  constructor(private readonly options: AuthenticationOptions) {}

  /** The token's claims for this document's room, or a Refusal; undefined in the open development mode. */
  async #verify(token: string, documentName: string): Promise<Claims | undefined> {
    const { secret, tenants } = this.options;
    const room = roomOf(documentName);
    if (this.options.credentials && looksLikeCredential(token)) return this.options.credentials(token, documentName);
    const keys = tenants();
    return keys ? verifyTenantRoomToken(token, keys, room) : secret ? verifyRoomToken(token, secret, room) : undefined;
  }

  /** Asks the page for a fresh token before this one expires, and ends the connection's rights when it does. */
  #schedule(connection: Connection): void {
    const context = connection.context as RoomContext;
    for (const timer of this.#timers.get(connection) ?? []) clearTimeout(timer);
    if (context.expiresAt === undefined) return;
    const left = context.expiresAt - Date.now();
    const refresh = setTimeout(() => connection.requestToken(), Math.max(0, left - Math.min(TOKEN_REFRESH_LEAD_MS, left / 2)));
    const expire = setTimeout(() => {
      if ((context.expiresAt ?? 0) > Date.now()) return this.#schedule(connection); // renewed meanwhile
      this.options.report({ room: connection.document.name, addr: context.address, reason: 'token-expired' });
      connection.close({ code: 4401, reason: 'token-expired' });
    }, Math.max(0, left));
    this.#timers.set(connection, [refresh, expire]);
  }

  /** The provider's answer to requestToken(): the same person, no new powers, a later expiry. */
  async onTokenSync({ token, connection, documentName }: onTokenSyncPayload): Promise<void> {
    const room = connection.context as RoomContext;
    try {
      const claims = await this.#verify(token, documentName);
      if (!claims) return;
      if (claims.sub !== room.sub || (claims.role === 'facilitator') !== (room.role === 'facilitator')) throw new Refusal('token-invalid', 4401);
      room.token = token;
      room.expiresAt = claims.expiresAt;
      this.#schedule(connection);
    } catch (error) {
      const reason = error instanceof Refusal ? error.reason : 'permission-denied';
      this.options.report({ room: documentName, addr: room.address, reason });
      throw error instanceof Refusal ? error : new Refusal('token-invalid', 4401);
    }
  }

  async #isNewPastCap(room: string): Promise<boolean> {
    const { store, maxRooms } = this.options;
    return (await store.info(room)) === undefined && (await store.countRooms()) >= maxRooms;
  }

  /** After the keys changed (SIGHUP): a connection whose token no longer verifies loses its rights at once. */
  async revalidate(instance: Hocuspocus): Promise<number> {
    let closed = 0;
    for (const document of instance.documents.values()) {
      for (const connection of document.getConnections()) {
        const room = connection.context as RoomContext;
        // Credentials are not signed with the tenants' keys (and a facilitator's proof is used once).
        if (room?.token === undefined || looksLikeCredential(room.token)) continue;
        try {
          await this.#verify(room.token, document.name);
        } catch {
          this.options.report({ room: document.name, addr: room.address, reason: 'token-invalid' });
          connection.close({ code: 4401, reason: 'token-invalid' });
          closed += 1;
        }
      }
    }
    return closed;
  }

  async onAuthenticate({ token, documentName, request, connectionConfig, instance, socketId }: onAuthenticatePayload): Promise<RoomContext> {
    const { store, socketOf, report } = this.options;
    const state = socketOf(request);
    const address = state?.address ?? 'unknown';
    const room = roomOf(documentName);
    try {
      if (!ROOM_NAME.test(room)) throw new Refusal('room-name-invalid', 4400);
      const claims = await this.#verify(token, documentName);
      let deletedAt: number | null = null;
      try {
        deletedAt = await store.deletedAt(room);
      } catch (error) {
        if (!instance.documents.has(documentName)) throw new StorageUnavailable(error);
        log('warning', { during: 'deleted-check', room: documentName, failed: store.kind, error: messageOf(error) });
      }
      if (deletedAt !== null) throw new Refusal('room-deleted', 4410);
      const facilitator = claims ? claims.role === 'facilitator' : token === OPEN_MODE_LEAD_TOKEN;
      const session = room !== documentName;
      // A token for `*` may open any name: new rooms stop at the cap (existing ones still open).
      const full = !session && !instance.documents.has(documentName) && (await this.#isNewPastCap(room).catch((error: unknown) => {
        throw new StorageUnavailable(error);
      }));
      if (full) throw new Refusal('too-many-rooms', 4429);
      // Hocuspocus applies no document update from a read-only connection; the message guard refuses the rest.
      if (session && !facilitator) connectionConfig.readOnly = true;
      if (!instance.documents.has(documentName)) {
        let document: Awaited<ReturnType<typeof instance.createDocument>>;
        try {
          document = await instance.createDocument(documentName, request, socketId, connectionConfig, {});
        } catch (error) {
          throw error instanceof Refusal ? error : new StorageUnavailable(error);
        }
        // Should the socket go before Hocuspocus connects it, the room would stay loaded with nobody in it.
        setTimeout(() => {
          if (instance.documents.get(documentName) === document && document.getConnectionsCount() === 0) {
            Promise.resolve(instance.unloadDocument(document)).catch(() => {});
          }
        }, UNCONNECTED_UNLOAD_MS).unref();
      }
      state?.admitted.add(documentName);
      state?.onAdmitted?.();
      return {
        address,
        sub: claims?.sub,
        name: claims?.name,
        ...(facilitator && { role: 'facilitator' as const }),
        session,
        socket: state,
        presenceIds: new Set(),
        ...(!claims && { open: true }),
        ...(claims && { token, expiresAt: claims.expiresAt }),
      };
    } catch (error) {
      const refusal = error instanceof Refusal ? error : error instanceof StorageUnavailable ? new Refusal('storage-unavailable', 4503) : new Refusal('server-error', 4500);
      const cause = error instanceof StorageUnavailable ? error.cause : error instanceof Refusal ? undefined : error;
      report({
        room: ROOM_NAME.test(room) ? documentName : undefined,
        addr: address,
        reason: refusal.reason,
        ...(cause !== undefined && { failed: error instanceof StorageUnavailable ? store.kind : undefined, error: messageOf(cause) }),
      });
      // The refusal goes out first (Hocuspocus sends it when this hook rejects), then the socket
      // closes: nothing a refused socket sends afterwards piles up in Hocuspocus's queue. A close
      // code of 4500 or more tells the page to wait and try again; 4400–4499 that it is final.
      const code = refusal.code >= 4500 ? refusal.code : 4403;
      if (state) setImmediate(() => state.ws.close(code, refusal.reason));
      throw refusal;
    }
  }

  async connected({ documentName, context, connection }: connectedPayload): Promise<void> {
    const { address, sub, role } = context as RoomContext;
    this.#connectionOf.set(context, connection);
    this.#schedule(connection);
    // The room's last activity: a storage away now is no reason to turn the person away.
    await this.options.touch(documentName).catch((error: unknown) => log('warning', { during: 'touch', room: documentName, error: messageOf(error) }));
    log('connect', { room: documentName, addr: address, sub, role, connections: this.options.connections() });
  }

  async onDisconnect({ documentName, context }: onDisconnectPayload): Promise<void> {
    const { address, sub, socket } = (context ?? {}) as RoomContext;
    const connection = context ? this.#connectionOf.get(context) : undefined;
    for (const timer of (connection && this.#timers.get(connection)) ?? []) clearTimeout(timer);
    // Messages for this room on the same socket are unadmitted again (and count against the budget).
    socket?.admitted.delete(documentName);
    log('disconnect', { room: documentName, addr: address, sub });
  }
}

/** A room loaded while authenticating that nobody connected to is unloaded after this long. */
const UNCONNECTED_UNLOAD_MS = 30_000;

/** A storage call that failed: the page is told `storage-unavailable` and waits. */
class StorageUnavailable {
  constructor(readonly cause: unknown) {}
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
