// What the server's extensions share about a connection and a socket.
import type { WebSocket } from 'ws';
import type { Refusal } from './limits.js';

/** One WebSocket, before and after it is admitted to documents. */
export interface SocketState {
  ws: WebSocket;
  address: string;
  /** Documents this socket has been admitted to (their messages no longer count as unadmitted). */
  admitted: Set<string>;
  unauthenticatedBytes: number;
  /** Called when the socket is first admitted to a document: its admission deadline and byte count end. */
  onAdmitted?: () => void;
  /** The room named in the socket's address (`?room=`): the only room (and its session document) it may open. */
  room?: string;
}

/** What onAuthenticate hands the later hooks as `context`. */
export interface RoomContext {
  address: string;
  sub?: string;
  /** The token's name, which the person's presence must carry. */
  name?: string;
  role?: 'facilitator';
  /** A room's session document (`<room>/session`). */
  session: boolean;
  /** Connected in the open development mode (no token): anyone there may take the lead. */
  open?: boolean;
  /** The awareness client ids this connection has sent presence for (only it may remove them). */
  presenceIds?: Set<number>;
  /** The token the connection holds now (checked again when keys change) and when it expires. */
  token?: string;
  expiresAt?: number;
  socket?: SocketState;
}

/** Logs and counts a refusal; the one place every extension reports through. */
/** `failed` names what failed underneath (`postgres`, `sqlite`), `error` its message; `where` a place in the room (never a value). */
export type ReportRefusal = (fields: { reason: string; addr: string; room?: string; failed?: string; error?: string; where?: string }) => void;

/** Not a refusal of the person: the page tries again (src/collab/room-connection.ts WAIT_REASONS, OUT_OF_ORDER). */
const RETRY_REASONS: ReadonlySet<string> = new Set(['out-of-order', 'storage-unavailable', 'server-error']);

/** Logs a refused message and closes its socket right after Hocuspocus has sent the reason. */
export function refuseMessage(report: ReportRefusal, room: string, context: RoomContext, refusal: Refusal): void {
  const cause = refusal.cause;
  report({ room, addr: context.address, reason: refusal.reason, where: refusal.where, ...(cause !== undefined && { error: cause instanceof Error ? cause.message : String(cause) }) });
  const socket = context.socket;
  // These keep their own code: the page connects again (or waits and then does) rather than stopping.
  const code = RETRY_REASONS.has(refusal.reason) ? refusal.code : 4403;
  if (socket) setImmediate(() => socket.ws.close(code, refusal.reason));
}

/** The document a message is for: Hocuspocus 4 allows `name\0session` addresses. */
export const documentOf = (address: string): string => {
  const nul = address.indexOf('\0');
  return nul < 0 ? address : address.slice(0, nul);
};
