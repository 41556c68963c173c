import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  /** the path the node POSTed to: which webhook it was */
  path: string;
  body: any;
  /** the request's idempotency-key header: what a gateway that drops copies goes by */
  key: string | undefined;
  /** performance.now() when it arrived */
  at: number;
}

/**
 * The hall's SMS gateway and alert receiver, as the cluster's nodes reach them: one real HTTP
 * server recording every POST it accepts, whichever node sent it. `holdNextSms` keeps the next
 * SMS request waiting for its answer (a slow gateway) until `release`.
 */
export async function startWebhookSink() {
  const received: Delivery[] = [];
  let holdNext = false;
  let held: ServerResponse | undefined;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      received.push({ path: req.url ?? '', body: JSON.parse(body), key: typeof key === 'string' ? key : undefined, at: performance.now() });
      if (holdNext && req.url === '/sms') {
        holdNext = false;
        held = res;
        return;
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const release = () => {
    held?.writeHead(200).end();
    held = undefined;
  };
  return {
    smsUrl: `${base}/sms`,
    alertsUrl: `${base}/alerts`,
    sms: () => received.filter((d) => d.path === '/sms').map((d) => d.body),
    smsDeliveries: () => received.filter((d) => d.path === '/sms'),
    alerts: () => received.filter((d) => d.path === '/alerts').map((d) => d.body),
    holdNextSms() {
      holdNext = true;
    },
    /** whether an SMS request is being held */
    holding: () => held !== undefined,
    /** answers the held SMS request (200) */
    release,
    close: () => {
      release();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookSink = Awaited<ReturnType<typeof startWebhookSink>>;
