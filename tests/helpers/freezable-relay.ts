import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface FreezableRelay {
  url: string;
  /** the open connections stop passing bytes both ways, without closing (what they carry waits, as in a partition) */
  freeze(): void;
  /** as freeze, and the connections opened later pass nothing either (a machine or route that vanished) */
  cut(): void;
  /** everything passes again, what waited included (a partition that healed) */
  thaw(): void;
  /** new connections pass again; the frozen ones stay frozen for good (the virtual IP moved to a live server) */
  passNew(): void;
  close(): void;
}

/** A TCP relay to PostgreSQL that can stop passing bytes on its connections without closing them: no FIN, no RST. */
export async function freezableRelay(target: URL): Promise<FreezableRelay> {
  const pairs = new Set<[Socket, Socket]>();
  const frozen = new Set<[Socket, Socket]>();
  let cut = false;
  const freeze = (pair: [Socket, Socket]) => {
    frozen.add(pair);
    for (const s of pair) s.pause();
  };
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port), target.hostname);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => client.write(d));
    // a side that ends or fails ends the other, unless frozen: a vanished peer hears nothing of it
    const end = () => {
      if (frozen.has(pair)) return;
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    for (const s of pair) s.on('error', end).on('close', end);
    if (cut) freeze(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    freeze: () => pairs.forEach(freeze),
    cut: () => {
      cut = true;
      pairs.forEach(freeze);
    },
    thaw: () => {
      cut = false;
      for (const pair of frozen) {
        frozen.delete(pair);
        if (pair.some((s) => s.destroyed)) pair.forEach((s) => s.destroy());
        else pair.forEach((s) => s.resume());
      }
    },
    passNew: () => {
      cut = false;
    },
    close: () => {
      for (const pair of pairs) for (const s of pair) s.destroy();
      server.close();
    },
  };
}
