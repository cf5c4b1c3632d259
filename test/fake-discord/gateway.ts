import type { Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

type Json = Record<string, unknown>;

/** One gateway session: survives a dropped socket so the client can RESUME and get what it missed. */
interface Session {
  id: string;
  shardId: number;
  seq: number;
  log: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
}

/** What the gateway needs from the rest of the fake. */
export interface GatewayOptions {
  server: Server;
  token: string;
  shards: number;
  heartbeatIntervalMs: number;
  newSessionId: () => string;
  /** READY's `d` for a shard, without session fields. */
  readyPayload: (shardId: number) => Json;
  /** GUILD_CREATE payloads for the guilds a shard owns. */
  guildCreates: (shardId: number) => Json[];
  onViolation: (message: string) => void;
}

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
};

/** The WebSocket gateway: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME with replay, dispatch. */
export class Gateway {
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  /** The session each shard currently uses. */
  readonly #current = new Map<number, Session>();
  #identifies = 0;
  #resumes = 0;

  constructor(private readonly options: GatewayOptions) {
    this.#wss = new WebSocketServer({ server: options.server });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  /** How many IDENTIFY and RESUME handshakes succeeded so far. */
  get stats(): { identifies: number; resumes: number } {
    return { identifies: this.#identifies, resumes: this.#resumes };
  }

  /** True when every shard has an open, identified (or resumed) connection. */
  isReady(): boolean {
    for (let shard = 0; shard < this.options.shards; shard++) {
      if (this.#current.get(shard)?.socket?.readyState !== WebSocket.OPEN) return false;
    }
    return true;
  }

  /** Whether a shard has ever identified (interactions can then be queued for it). */
  hasSession(shardId: number): boolean {
    return this.#current.has(shardId);
  }

  /** Sends a dispatch event on a shard; queued for replay when its socket is down. */
  dispatch(shardId: number, t: string, d: unknown): void {
    const session = this.#current.get(shardId);
    if (!session) throw new Error(`shard ${shardId} has no gateway session: is the bot logged in?`);
    this.#emit(session, t, d);
  }

  /** Closes every gateway socket with `code` (4000: client resumes; 1000: it identifies afresh). */
  dropConnections(code: number): void {
    for (const session of this.#sessions.values()) {
      const socket = session.socket;
      session.socket = undefined;
      socket?.close(code, 'dropped by test');
    }
  }

  /** Stops accepting connections and terminates the open ones. */
  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #emit(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.log.push(event);
    this.#send(session.socket, { op: Op.Dispatch, ...event });
  }

  #send(socket: WebSocket | undefined, payload: Json): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  #accept(socket: WebSocket): void {
    let session: Session | undefined;
    this.#send(socket, { op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
    socket.on('message', (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(raw)) as Json;
      } catch {
        this.options.onViolation('gateway payload is not JSON');
        socket.close(4002, 'Error while decoding payload.');
        return;
      }
      const op = payload.op;
      if (op === Op.Heartbeat) {
        this.#send(socket, { op: Op.HeartbeatAck });
      } else if (op === Op.Identify) {
        if (session) return socket.close(4005, 'Already authenticated.');
        session = this.#identify(socket, payload.d as Json);
      } else if (op === Op.Resume) {
        if (session) return socket.close(4005, 'Already authenticated.');
        session = this.#resume(socket, payload.d as Json);
      } else if (!session) {
        this.options.onViolation(`gateway op ${String(op)} sent before IDENTIFY`);
        socket.close(4003, 'Not authenticated.');
      } else if (typeof op !== 'number' || op < 0 || op > 40) {
        socket.close(4001, 'Unknown opcode.');
      }
      // Presence (3), voice (4), request members (8) and the like are accepted and ignored.
    });
    socket.on('close', () => {
      if (session?.socket === socket) session.socket = undefined;
    });
  }

  #identify(socket: WebSocket, d: Json | undefined): Session | undefined {
    if (d?.token !== this.options.token) {
      this.options.onViolation('gateway IDENTIFY with a wrong token');
      socket.close(4004, 'Authentication failed.');
      return undefined;
    }
    const [shardId, count] = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
    if (count !== this.options.shards || shardId < 0 || shardId >= count) {
      this.options.onViolation(
        `gateway IDENTIFY with shard [${shardId}, ${count}] but the fake runs ${this.options.shards} shard(s)`,
      );
      socket.close(4010, 'Invalid shard.');
      return undefined;
    }
    const session: Session = { id: this.options.newSessionId(), shardId, seq: 0, log: [], socket };
    this.#sessions.set(session.id, session);
    const previous = this.#current.get(shardId);
    if (previous && previous !== session) previous.socket?.close(4000, 'superseded');
    this.#current.set(shardId, session);
    this.#identifies += 1;
    this.#emit(session, 'READY', {
      ...this.options.readyPayload(shardId),
      session_id: session.id,
      resume_gateway_url: this.#url(),
      shard: [shardId, count],
    });
    for (const guild of this.options.guildCreates(shardId)) this.#emit(session, 'GUILD_CREATE', guild);
    return session;
  }

  #resume(socket: WebSocket, d: Json | undefined): Session | undefined {
    const session = typeof d?.session_id === 'string' ? this.#sessions.get(d.session_id) : undefined;
    if (!session || d?.token !== this.options.token || this.#current.get(session.shardId) !== session) {
      this.#send(socket, { op: Op.InvalidSession, d: false });
      return undefined;
    }
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (session.socket && session.socket !== socket) session.socket.close(4000, 'resumed elsewhere');
    session.socket = socket;
    this.#resumes += 1;
    for (const event of session.log) if (event.s > seq) this.#send(socket, { op: Op.Dispatch, ...event });
    this.#emit(session, 'RESUMED', {});
    return session;
  }

  #url(): string {
    const address = this.options.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return `ws://127.0.0.1:${port}`;
  }
}
