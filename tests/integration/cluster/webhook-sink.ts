import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  /** the path the node POSTed to: which webhook it was */
  path: string;
  body: any;
}

/**
 * The hall's SMS gateway and alert receiver, as the cluster's nodes reach them: one real HTTP
 * server recording every POST it accepts, whichever node sent it.
 */
export async function startWebhookSink() {
  const received: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    smsUrl: `${base}/sms`,
    alertsUrl: `${base}/alerts`,
    sms: () => received.filter((d) => d.path === '/sms').map((d) => d.body),
    alerts: () => received.filter((d) => d.path === '/alerts').map((d) => d.body),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookSink = Awaited<ReturnType<typeof startWebhookSink>>;
