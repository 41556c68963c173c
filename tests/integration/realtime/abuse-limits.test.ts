import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeState } from '../../../server/app/context.js';
import { issueTicket } from '../../../server/app/issue-ticket.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';
import { listen, type HallSocket } from './realtime-steps.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

const kiosk = { type: 'device' as const, id: 'kiosk-1', kind: 'kiosk' as const, hallId: 'main', windowId: null };
async function issueMany(n: number): Promise<void> {
  await changeState(app.server.ctx, 'main', async (_emit, ctx) => {
    for (let i = 0; i < n; i++) await issueTicket(ctx, kiosk, { serviceId: 'invoice' });
  });
}
const lastSeq = async () => await app.server.ctx.store.events.lastSeq('main');

/** committed events of 16 KB each (a config change with a long id): megabytes of traffic quickly */
async function publishBulky(n: number): Promise<void> {
  const id = 'x'.repeat(16 * 1024);
  await changeState(app.server.ctx, 'main', async (emit) => {
    for (let i = 0; i < n; i++) await emit({ type: 'config.changed', at: app.clock.now().toISOString(), hallId: 'main', data: { entity: 'test', id } });
  });
}

/** stops reading from the network, as a client that floods and never reads would; returns a way to cut it off */
function stopReading(socket: HallSocket): () => void {
  const raw = (socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void; destroy(): void } } }).ws._socket;
  raw.pause();
  return () => raw.destroy();
}

describe('replay budget', () => {
  beforeEach(async () => {
    app = await buildTestApp({ limits: { replayEventsPerSocket: 300, replayWindowSeconds: 60 } });
  });

  it('replays up to the budget per connection, then refuses with RATE_LIMITED until the window has passed', async () => {
    const since = await lastSeq();
    await issueMany(200);
    const board = await listen(app.socket(TOKENS.display));
    expect(await board.subscribe({ hallId: 'main', sinceSeq: since })).toEqual({ ok: true, replayed: 200 });
    await board.waitForEvents(200);
    expect(await board.subscribe({ hallId: 'main', sinceSeq: since })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // a live event sent after the refusal: once it is in, a replay wrongly sent for the refused subscribe would be too
    issueMany(1);
    await board.waitForEvents(201);
    expect(board.events).toHaveLength(201);
    expect(board.events.at(-1)!.seq).toBe(await lastSeq());
    // another connection has its own budget; and time restores this one's
    const other = await listen(app.socket(TOKENS.display));
    expect(await other.subscribe({ hallId: 'main', sinceSeq: since })).toEqual({ ok: true, replayed: 201 });
    app.clock.advanceSeconds(60);
    expect(await board.subscribe({ hallId: 'main', sinceSeq: since })).toEqual({ ok: true, replayed: 201 });
  });
});

describe('subscribe floods and clients that do not read', () => {
  beforeEach(async () => {
    app = await buildTestApp({ limits: { socketBufferBytes: 512 * 1024, replayEventsPerSocket: 1_000_000 } });
  });

  it('a second subscribe sent before the first replay has gone out is refused', async () => {
    const since = await lastSeq();
    await issueMany(1000);
    const board = await listen(app.socket(TOKENS.display));
    const [first, second] = await Promise.all([board.subscribe({ hallId: 'main', sinceSeq: since }), board.subscribe({ hallId: 'main', sinceSeq: since })]);
    expect(first).toEqual({ ok: true, replayed: 1000 });
    expect(second).toMatchObject({ ok: false, error: { code: 'SUBSCRIBE_IN_FLIGHT' } });
    await board.waitForEvents(1000);
    // a live event goes out after the replay: once it is in, a second replay wrongly started would have shown too
    issueMany(1);
    await board.waitForEvents(1001);
    expect(board.events).toHaveLength(1001);
    expect(board.events.at(-1)!.seq).toBe(await lastSeq());
  });

  it('a client that stops reading is dropped once its queue passes the limit; a reading one keeps every event', async () => {
    const flooder = await listen(app.socket(TOKENS.display));
    const reader = await listen(app.socket(TOKENS.display));
    expect(await flooder.subscribe({ hallId: 'main' })).toMatchObject({ ok: true });
    expect(await reader.subscribe({ hallId: 'main' })).toMatchObject({ ok: true });
    const onServer = () => [...app.server.gateway.io.sockets.sockets.values()].some((s) => s.id === flooder.socket.id);
    const cutOff = stopReading(flooder.socket);
    let sent = 0;
    // the kernel's socket buffers take a few MB before anything queues in the server
    for (let round = 0; round < 30 && onServer(); round++) {
      await publishBulky(64);
      sent += 64;
      await new Promise((r) => setTimeout(r, 60)); // pacing only: the server gets a turn to write between bursts
    }
    await waitFor(() => !onServer(), 'the flooder to be dropped');
    await waitFor(() => reader.events.length === sent, `the reader's ${sent} events`);
    expect(reader.socket.connected).toBe(true);
    cutOff(); // else the server's close would wait for it to read the close frame
  });
});
