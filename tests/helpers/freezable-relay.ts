import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** a TCP relay to PostgreSQL that can stop passing bytes on its open connections (or on every connection), without closing them */
export async function freezableRelay(target: URL): Promise<{ url: string; freeze(): void; cut(): void; close(): void }> {
  const open: Socket[] = [];
  const frozen = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port), target.hostname);
    open.push(client, upstream);
    if (cut) frozen.add(client);
    client.on('data', (d) => frozen.has(client) || upstream.write(d));
    upstream.on('data', (d) => frozen.has(client) || client.write(d));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    freeze: () => open.forEach((s) => frozen.add(s)),
    /** as freeze, and the connections opened later pass nothing either (a route that vanished) */
    cut: () => {
      cut = true;
      open.forEach((s) => frozen.add(s));
    },
    close: () => {
      for (const s of open) s.destroy();
      server.close();
    },
  };
}
