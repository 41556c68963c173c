import { afterEach, describe, expect, it } from 'vitest';
import { loadSheddingFromEnv } from '../../../server/http/load-shedding.js';
import { metricsFeature } from '../../../server/metrics/metrics-feature.js';
import { printingFeature } from '../../../server/printing/printing-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig, TOKENS } from '../../helpers/test-config.js';
import { eventually } from '../../helpers/wait-for.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The value of one sample line of the Prometheus text, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('counts tickets issued and called, waiting per service, call latency, sockets, devices and event-loop lag', async () => {
    const config = testConfig();
    config.hardware = [{ id: 'prn-1', kind: 'printer', interface: 'simulated', kioskId: 'kiosk-1' }];
    app = await buildTestApp({ config, features: [printingFeature(), metricsFeature] });
    for (const serviceId of ['invoice', 'invoice', 'tax-reg']) {
      expect((await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId } })).status).toBe(201);
    }
    const zhangmin = await app.login('zhangmin');
    await app.http('POST', '/api/windows/w3/open', { token: zhangmin });
    expect((await app.http('POST', '/api/windows/w3/call-next', { token: zhangmin })).status).toBe(200);
    await app.http('POST', '/api/windows/w3/recall', { token: zhangmin });
    const socket = app.socket(TOKENS.display);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));

    const scrape = async () => (await app!.http('GET', '/metrics')).text;
    const text = await eventually(
      'the printer and the socket to show',
      scrape,
      (t) => sample(t, 'hallq_sockets_connected') === 1 && sample(t, 'hallq_device_status', { device: 'prn-1', status: 'online' }) === 1,
    );
    const res = await app.http('GET', '/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(sample(text, 'hallq_tickets_issued_total', { hall: 'main', service: 'invoice' })).toBe(2);
    expect(sample(text, 'hallq_tickets_issued_total', { hall: 'main', service: 'tax-reg' })).toBe(1);
    expect(sample(text, 'hallq_tickets_called_total', { hall: 'main', service: 'invoice', recall: 'false' })).toBe(1);
    expect(sample(text, 'hallq_tickets_called_total', { hall: 'main', service: 'invoice', recall: 'true' })).toBe(1);
    expect(sample(text, 'hallq_tickets_waiting', { hall: 'main', service: 'invoice' })).toBe(1);
    expect(sample(text, 'hallq_tickets_waiting', { hall: 'main', service: 'tax-reg' })).toBe(1);
    expect(sample(text, 'hallq_tickets_waiting', { hall: 'main', service: 'license' })).toBe(0);
    expect(sample(text, 'hallq_call_next_duration_seconds_count', { outcome: 'called' })).toBe(1);
    expect(sample(text, 'hallq_device_status', { device: 'prn-1', kind: 'printer', status: 'offline' })).toBe(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).not.toContain(TOKENS.kiosk);
  });

  it('times refused calls apart from calls', async () => {
    app = await buildTestApp({ features: [metricsFeature] });
    const zhangmin = await app.login('zhangmin');
    await app.http('POST', '/api/windows/w3/open', { token: zhangmin });
    expect((await app.http('POST', '/api/windows/w3/call-next', { token: zhangmin })).status).toBe(409); // QUEUE_EMPTY
    const text = (await app.http('GET', '/metrics')).text;
    expect(sample(text, 'hallq_call_next_duration_seconds_count', { outcome: 'refused' })).toBe(1);
    expect(sample(text, 'hallq_call_next_duration_seconds_count', { outcome: 'called' })).toBeUndefined();
  });
});

describe('load shedding', () => {
  it('answers 503 OVERLOADED with Retry-After while the event loop lags, keeps /metrics up, and recovers', async () => {
    app = await buildTestApp({ features: [metricsFeature], loadShedding: { maxEventLoopDelayMs: 100, graceMs: 0 } });
    let refused: Awaited<ReturnType<TestApp['http']>> | undefined;
    for (let attempt = 0; attempt < 10 && !refused; attempt++) {
      const until = Date.now() + 400;
      while (Date.now() < until) {
        /* a stall, as a runaway report or a flood would cause */
      }
      const res = await app.http('GET', '/api/health');
      if (res.status === 503) refused = res;
    }
    expect(refused?.body).toEqual({ error: { code: 'OVERLOADED', message: expect.stringContaining('服务器繁忙') } });
    expect(refused?.headers.get('retry-after')).toBe('5');
    const metrics = await app.http('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(sample(metrics.text, 'hallq_http_shed_total')).toBeGreaterThanOrEqual(1);
    await eventually(
      'health to answer again',
      () => app!.http('GET', '/api/health'),
      (r) => r.status === 200,
    );
  });

  it('sheds nothing in the first seconds after the server starts listening (start-up stalls once)', async () => {
    app = await buildTestApp({ features: [metricsFeature], loadShedding: { maxEventLoopDelayMs: 100, graceMs: 60_000 } });
    for (let attempt = 0; attempt < 3; attempt++) {
      const until = Date.now() + 400;
      while (Date.now() < until) {
        /* a stall */
      }
      expect((await app.http('GET', '/api/health')).status).toBe(200);
    }
  });

  it('takes its limit from HALLQ_SHED_EVENT_LOOP_DELAY_MS (default 2 s, 0 = off) and names the variable when it is wrong', () => {
    expect(loadSheddingFromEnv({})).toEqual({ maxEventLoopDelayMs: 2000 });
    expect(loadSheddingFromEnv({ HALLQ_SHED_EVENT_LOOP_DELAY_MS: '0' })).toEqual({ maxEventLoopDelayMs: 0 });
    expect(() => loadSheddingFromEnv({ HALLQ_SHED_EVENT_LOOP_DELAY_MS: 'soon' })).toThrow(/HALLQ_SHED_EVENT_LOOP_DELAY_MS must be a whole number/);
  });
});
