import { connect, createServer, type Socket } from 'node:net';

/**
 * The address the nodes know for PostgreSQL: a TCP relay standing in for the virtual IP or the
 * HAProxy of a 3-node deployment. `switchTo` sends new connections to another port and cuts the
 * open ones (as a moved virtual IP leaves them: their server is gone anyway).
 */
export async function startTcpRelay(targetPort: number): Promise<{ port: number; switchTo(port: number): void; close(): Promise<void> }> {
  let target = targetPort;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    open.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    switchTo(port) {
      target = port;
      for (const s of open) s.destroy();
      open.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
