// Who may open a room: room tokens (COLLAB_SECRET), tenants' tokens (TENANTS_FILE) or the open
// development mode; deleted rooms are refused; a session document is read-only for everyone
// but a facilitator.
import type { connectedPayload, Extension, onAuthenticatePayload, onDisconnectPayload } from '@hocuspocus/server';
import { OPEN_MODE_LEAD_TOKEN } from '../../../src/collab/schema.js';
import type { ReportRefusal, RoomContext, SocketState } from '../context.js';
import { Refusal, ROOM_NAME, roomOf } from '../limits.js';
import { log } from '../log.js';
import type { RoomStorage } from '../storage.js';
import type { TenantKeys } from '../tenants.js';
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
}

export class Authentication implements Extension {
  extensionName = 'innovasjonsguide-authentication';

  constructor(private readonly options: AuthenticationOptions) {}

  async onAuthenticate({ token, documentName, request, connectionConfig }: onAuthenticatePayload): Promise<RoomContext> {
    const { secret, tenants, store, socketOf, report } = this.options;
    const state = socketOf(request);
    const address = state?.address ?? 'unknown';
    const room = roomOf(documentName);
    try {
      if (!ROOM_NAME.test(room)) throw new Refusal('room-name-invalid', 4400);
      const keys = tenants();
      const claims: Claims | undefined = keys
        ? await verifyTenantRoomToken(token, keys, room)
        : secret
          ? await verifyRoomToken(token, secret, room)
          : undefined;
      if ((await store.deletedAt(room)) !== null) throw new Refusal('room-deleted', 4410);
      const facilitator = claims ? claims.role === 'facilitator' : token === OPEN_MODE_LEAD_TOKEN;
      const session = room !== documentName;
      // A token for `*` may open any name: new rooms stop at the cap (existing ones still open).
      if (!session && (await store.info(room)) === undefined && (await store.countRooms()) >= this.options.maxRooms) {
        throw new Refusal('too-many-rooms', 4429);
      }
      // Hocuspocus applies no document update from a read-only connection; the message guard refuses the rest.
      if (session && !facilitator) connectionConfig.readOnly = true;
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
      };
    } catch (error) {
      const reason = error instanceof Refusal ? error.reason : 'permission-denied';
      report({
        room: ROOM_NAME.test(room) ? documentName : undefined,
        addr: address,
        reason,
        error: error instanceof Refusal ? undefined : error instanceof Error ? error.message : String(error),
      });
      // The refusal goes out first (Hocuspocus sends it when this hook rejects), then the socket
      // closes: nothing a refused socket sends afterwards piles up in Hocuspocus's queue.
      if (state) setImmediate(() => state.ws.close(4403, reason));
      throw error instanceof Refusal ? error : new Refusal('server-error', 4500);
    }
  }

  async connected({ documentName, context }: connectedPayload): Promise<void> {
    const { address, sub, role } = context as RoomContext;
    await this.options.touch(documentName);
    log('connect', { room: documentName, addr: address, sub, role, connections: this.options.connections() });
  }

  async onDisconnect({ documentName, context }: onDisconnectPayload): Promise<void> {
    const { address, sub, socket } = (context ?? {}) as RoomContext;
    // Messages for this room on the same socket are unadmitted again (and count against the budget).
    socket?.admitted.delete(documentName);
    log('disconnect', { room: documentName, addr: address, sub });
  }
}
