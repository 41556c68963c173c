import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pacedPostLoad } from '../../../bench/lib/paced-load.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A real HTTP server on port 0 that records what it received and answers after `delayMs`. */
async function recordingServer(delayMs: number, status: (n: number) => number): Promise<{ url: string; bodies: unknown[]; auth: string[] }> {
  const bodies: unknown[] = [];
  const auth: string[] = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      auth.push(req.headers.authorization ?? '');
      const code = status(bodies.length);
      setTimeout(() => res.writeHead(code, { 'content-type': 'application/json' }).end('{}'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/tickets`, bodies, auth };
}

describe('pacedPostLoad (the steady-rate load of npm run bench)', () => {
  it('sends exactly rate × duration requests, each with the headers and body of its index', async () => {
    const s = await recordingServer(0, () => 201);
    const run = await pacedPostLoad({
      url: s.url,
      ratePerSecond: 40,
      durationSeconds: 0.5,
      request: (i) => ({ headers: { authorization: `Bearer k${i % 2}` }, body: { serviceId: `s${i}` } }),
    });
    expect(run.ok).toBe(20);
    expect(run.latencies).toHaveLength(20);
    expect(run.statusCodes).toEqual({ 201: 20 });
    // requests overlap on several connections: a busy machine may deliver them out of order
    const index = (b: unknown) => Number((b as { serviceId: string }).serviceId.slice(1));
    expect([...s.bodies].sort((a, b) => index(a) - index(b))).toEqual(Array.from({ length: 20 }, (_, i) => ({ serviceId: `s${i}` })));
    expect(new Set(s.auth)).toEqual(new Set(['Bearer k0', 'Bearer k1']));
  });

  it('counts refused answers as failures and keeps them out of the latencies', async () => {
    const s = await recordingServer(0, (n) => (n % 5 === 0 ? 429 : 201));
    const run = await pacedPostLoad({ url: s.url, ratePerSecond: 50, durationSeconds: 0.4, request: () => ({ headers: {}, body: {} }) });
    expect(run.ok).toBe(16);
    expect(run.non2xx).toBe(4);
    expect(run.errors).toBe(0);
    expect(run.statusCodes).toEqual({ 201: 16, 429: 4 });
  });

  it("charges a slow answer to the request from its due time: no latency is below the server's delay", async () => {
    const s = await recordingServer(60, () => 201);
    const run = await pacedPostLoad({ url: s.url, ratePerSecond: 20, durationSeconds: 0.5, request: () => ({ headers: {}, body: {} }) });
    expect(run.ok).toBe(10);
    expect(Math.min(...run.latencies)).toBeGreaterThanOrEqual(60);
  });

  it('stops sending once the server has fallen behind, and counts what it did not send', async () => {
    const s = await recordingServer(1500, () => 201);
    const run = await pacedPostLoad({ url: s.url, ratePerSecond: 50, durationSeconds: 1, maxOutstanding: 10, request: () => ({ headers: {}, body: {} }) });
    expect(run.unsent).toBeGreaterThanOrEqual(30);
    expect(run.ok + run.non2xx + run.errors + run.unsent!).toBe(50);
    expect(s.bodies.length).toBe(50 - run.unsent!);
  });
});
