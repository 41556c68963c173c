import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Every TCP connection a server accepted: HTTP keep-alive, a request still arriving, an upgraded
 * WebSocket. Closing the server waits for all of them, and a browser that never finishes a request
 * or a WebSocket close handshake (a frozen kiosk, a machine too loaded to answer) would hold a
 * shutdown for minutes; `destroyAll` ends what is still open once the grace time is over.
 */
export class OpenConnections {
  private readonly sockets = new Set<Socket>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** ends every connection still open; returns how many there were */
  destroyAll(): number {
    const count = this.sockets.size;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return count;
  }
}
