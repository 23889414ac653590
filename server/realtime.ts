import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  JoinDesign,
  type ClientToServerEvents,
  type DesignRenamed,
  type ServerToClientEvents,
} from '../lib/protocol/messages.ts';
import type { DesignStore } from './design-store.ts';
import type { Logger } from './logger.ts';

const roomOf = (designId: string) => `design:${designId}`;

/** The socket.io binding: a thin adapter from messages to the design store. */
export class Realtime {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;

  constructor(http: HttpServer, private readonly designs: DesignStore, private readonly log: Logger) {
    // destroyUpgrade: false leaves other upgrades (Next's dev HMR) to Next.
    this.io = new Server(http, { path: '/socket.io', destroyUpgrade: false, serveClient: false });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  private onConnection(socket: Socket<ClientToServerEvents, ServerToClientEvents>): void {
    socket.on('design:join', async (raw, ack) => {
      if (typeof ack !== 'function') return;
      const msg = JoinDesign.safeParse(raw);
      if (!msg.success) {
        const protocolIssue = msg.error.issues.some((i) => i.path[0] === 'protocol');
        ack(
          protocolIssue
            ? { ok: false, code: 'protocol-mismatch', message: 'This page is out of date: reload it.' }
            : { ok: false, code: 'bad-message', message: msg.error.issues[0].message },
        );
        return;
      }
      try {
        const design = await this.designs.get(msg.data.designId);
        if (!design) {
          ack({ ok: false, code: 'not-found', message: 'No design has this id.' });
          return;
        }
        for (const room of socket.rooms) if (room !== socket.id) await socket.leave(room);
        await socket.join(roomOf(design.id));
        ack({ ok: true, designId: design.id, title: design.title, version: design.version });
      } catch (err) {
        this.log.error({ err }, 'design:join failed');
        ack({ ok: false, code: 'internal', message: 'The server could not open this design.' });
      }
    });
  }

  /** Tells everyone in the design's room about a new title. */
  designRenamed(msg: DesignRenamed): void {
    this.io.to(roomOf(msg.designId)).emit('design:renamed', msg);
  }

  async close(): Promise<void> {
    this.io.disconnectSockets(true);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}
