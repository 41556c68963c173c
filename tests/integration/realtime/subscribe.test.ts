import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { issueTicket } from '../../../server/app/issue-ticket.js';
import { changeState } from '../../../server/app/context.js';
import { act, issue } from '../http/hall-steps.js';
import { listen } from './realtime-steps.js';

let app: TestApp;
let wangfang: string;
let zhangmin: string;

beforeEach(async () => {
  app = await buildTestApp();
  wangfang = await app.login('wangfang');
  zhangmin = await app.login('zhangmin');
});
afterEach(async () => {
  await app.close();
});

const seqs = (events: { seq: number }[]) => events.map((e) => e.seq);
const isRun = (s: number[]) => s.every((v, i) => i === 0 || v === s[i - 1]! + 1);

describe('subscribe', () => {
  it('sends a snapshot when no sinceSeq is given, then live events in seq order', async () => {
    await issue(app, 'tax-reg');
    const board = await listen(app.socket(TOKENS.display));
    const ack = await board.subscribe({ hallId: 'main' });
    expect(ack).toEqual({ ok: true, snapshot: true });
    expect(board.snapshots).toHaveLength(1);
    const snap = board.snapshots[0]!;
    expect(snap.queues.find((q) => q.serviceId === 'tax-reg')?.waiting).toBe(1);

    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    await issue(app, 'invoice');
    await act(app, wangfang, 'w1', 'recall');
    const events = await board.waitForEvents(4);
    expect(events.map((e) => e.type)).toEqual(['window.status', 'ticket.called', 'ticket.issued', 'ticket.called']);
    expect(seqs(events)[0]).toBe(snap.seq + 1);
    expect(isRun(seqs(events))).toBe(true);
    expect(events[1]).toMatchObject({ hallId: 'main', data: { number: 'A001', serviceId: 'tax-reg', windowId: 'w1', windowNumber: 1, recall: false } });
    expect(events[3]!.data).toMatchObject({ number: 'A001', recall: true });
    expect(events[1]!.at).toBe('2026-11-23T02:00:00.000Z');
  });

  it('replays exactly the missed events after sinceSeq', async () => {
    const board = await listen(app.socket(TOKENS.display));
    await board.subscribe({ hallId: 'main' });
    const since = board.snapshots[0]!.seq;
    await issue(app, 'tax-reg');
    await issue(app, 'invoice');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    await board.waitForEvents(4);

    const late = await listen(app.socket(TOKENS.display));
    const ack = await late.subscribe({ hallId: 'main', sinceSeq: since + 1 });
    expect(ack).toEqual({ ok: true, replayed: 3 });
    expect(late.snapshots).toHaveLength(0);
    expect(late.events).toEqual(board.events.slice(1));
  });

  it("replays to a window subscriber every ticket event and only its own window's status", async () => {
    const since = (await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display })).body.seq as number;
    await issue(app, 'tax-reg');
    await issue(app, 'invoice');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    await act(app, zhangmin, 'w3', 'open');
    await act(app, zhangmin, 'w3', 'call-next');

    const w3 = await listen(app.socket(TOKENS.display));
    const ack = await w3.subscribe({ hallId: 'main', windowId: 'w3', sinceSeq: since });
    expect(ack).toEqual({ ok: true, replayed: 5 });
    expect(w3.events.map((e) => [e.type, e.windowId])).toEqual([
      ['ticket.issued', undefined],
      ['ticket.issued', undefined],
      ['ticket.called', 'w1'],
      ['window.status', 'w3'],
      ['ticket.called', 'w3'],
    ]);
    // and live: w1 pausing does not reach it, a ticket issued does
    await act(app, wangfang, 'w1', 'skip');
    await act(app, wangfang, 'w1', 'pause', { reason: '午休' });
    await issue(app, 'tax-reg');
    // the issue is the last event sent: once it is in, anything wrongly sent before it is too
    await w3.waitForEvents(7);
    expect(w3.events.slice(5).map((e) => [e.type, e.windowId])).toEqual([
      ['ticket.skipped', 'w1'],
      ['ticket.issued', undefined],
    ]);
  });

  it("gives a zone subscriber every call (queues move) but only its own windows' status", async () => {
    const chenjing = await app.login('chenjing');
    await issue(app, 'license');
    await issue(app, 'license');
    const f2 = await listen(app.socket(TOKENS.display));
    await f2.subscribe({ hallId: 'main', zoneId: 'f2' });
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    await act(app, chenjing, 'w4', 'open');
    await act(app, chenjing, 'w4', 'call-next');
    await f2.waitForEvents(3);
    expect(f2.events.map((e) => [e.type, e.windowId])).toEqual([
      ['ticket.called', 'w1'],
      ['window.status', 'w4'],
      ['ticket.called', 'w4'],
    ]);
  });

  it('sends a snapshot for a sinceSeq from the future', async () => {
    const board = await listen(app.socket(TOKENS.display));
    expect(await board.subscribe({ hallId: 'main', sinceSeq: 999_999 })).toEqual({ ok: true, snapshot: true });
    expect(board.snapshots).toHaveLength(1);
  });

  it('sends a snapshot for a sinceSeq too far behind (more than 1,000 events)', async () => {
    const since = (await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display })).body.seq as number;
    // 1,050 tickets through the issuing use-case, in one outer transaction so the test does not wait on 1,050 fsyncs
    const { ctx } = app.server;
    const kiosk = { type: 'device', id: 'kiosk-1', kind: 'kiosk', hallId: 'main', windowId: null } as const;
    await changeState(ctx, 'main', async (_emit, ctx) => {
      for (let i = 0; i < 1050; i++) await issueTicket(ctx, kiosk, { serviceId: 'invoice' });
    });
    const board = await listen(app.socket(TOKENS.display));
    expect(await board.subscribe({ hallId: 'main', sinceSeq: since })).toEqual({ ok: true, snapshot: true });
    expect(board.snapshots[0]!.queues.find((q) => q.serviceId === 'invoice')?.waiting).toBe(1050);
    expect(board.events).toHaveLength(0);
    const near = await listen(app.socket(TOKENS.display));
    expect(await near.subscribe({ hallId: 'main', sinceSeq: since + 1050 - 10 })).toEqual({ ok: true, replayed: 10 });
  });

  it('moves a socket to the new room when it subscribes again', async () => {
    const board = await listen(app.socket(TOKENS.display));
    await board.subscribe({ hallId: 'main', windowId: 'w1' });
    await board.subscribe({ hallId: 'main', windowId: 'w3' });
    await act(app, wangfang, 'w1', 'open');
    await act(app, zhangmin, 'w3', 'open');
    // w3's event is sent after w1's would have been: once it is in, w1's would be too
    await board.waitForEvents(1);
    expect(board.events.map((e) => e.windowId)).toEqual(['w3']);
  });
});

describe('reconnect after a server restart', () => {
  it('resubscribing with the last seq gets what was missed, once each and in order', async () => {
    const board = await listen(app.socket(TOKENS.display));
    await board.subscribe({ hallId: 'main' });
    await issue(app, 'tax-reg');
    await board.waitForEvents(1);

    board.socket.disconnect();
    await app.restart();
    await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');

    board.socket.connect();
    await new Promise<void>((resolve) => board.socket.once('connect', () => resolve()));
    const ack = await board.subscribe({ hallId: 'main', sinceSeq: board.lastSeq() });
    // the replay ends at the last event this node has published: on PostgreSQL its feed may not have
    // read the last commits yet, and those then come live, right after the replay
    expect(ack).toMatchObject({ ok: true, replayed: expect.any(Number) });
    await board.waitForEvents(4);
    expect(board.events.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.issued', 'window.status', 'ticket.called']);
    expect(isRun(seqs(board.events))).toBe(true);
  });

  it('reconnects by itself after a restart and, resubscribed, receives live events again', async () => {
    const board = await listen(app.socket(TOKENS.display));
    let resubscribed: Promise<unknown> | undefined;
    board.socket.io.on('reconnect', () => {
      resubscribed = board.subscribe({ hallId: 'main', sinceSeq: board.lastSeq() });
    });
    await board.subscribe({ hallId: 'main' });
    await issue(app, 'tax-reg');
    await board.waitForEvents(1);
    const reconnected = new Promise<void>((resolve) => board.socket.io.once('reconnect', () => resolve()));
    await app.restart();
    await reconnected;
    expect(await resubscribed).toMatchObject({ ok: true });
    await issue(app, 'invoice');
    await board.waitForEvents(2);
    expect(board.events.map((e) => e.data)).toMatchObject([{ number: 'A001' }, { number: 'B001' }]);
    expect(isRun(seqs(board.events))).toBe(true);
  });
});
