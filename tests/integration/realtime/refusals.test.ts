import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { DEADLINE_MS } from '../../helpers/wait-for.js';
import { act, issue } from '../http/hall-steps.js';
import { listen } from './realtime-steps.js';

/** What a socket may not do. One server for the file: these tests only read, or check that nothing reached them. */
let app: TestApp;
let wangfang: string;

beforeAll(async () => {
  app = await buildTestApp();
  wangfang = await app.login('wangfang');
});
afterAll(async () => {
  await app.close();
});

describe('refusals', () => {
  it.each([
    [null, /object/],
    [{}, /hallId/],
    [{ hallId: '' }, /hallId/],
    [{ hallId: 'main', sinceSeq: -1 }, /sinceSeq/],
    [{ hallId: 'main', sinceSeq: 'x' }, /sinceSeq/],
    [{ hallId: 'main', windowId: 7 }, /windowId/],
    [{ hallId: 'main', zoneId: '' }, /zoneId/],
  ])('a bad subscribe payload %j is answered with VALIDATION', async (payload, field) => {
    const board = await listen(app.socket(TOKENS.display));
    const ack = await board.socket.timeout(DEADLINE_MS).emitWithAck('subscribe', payload as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(field) } });
    expect(board.snapshots).toHaveLength(0);
  });

  it('refuses a connection with a bad token, or none', async () => {
    for (const token of ['made-up-token', '']) {
      const s = app.socket(token);
      s.io.opts.reconnection = false;
      const err = await new Promise<Error>((resolve) => s.once('connect_error', resolve));
      expect(err.message).toBe('UNAUTHORIZED');
      s.close();
    }
  });

  it('lets a display listen to its own hall only', async () => {
    const board = await listen(app.socket(TOKENS.display));
    expect(await board.subscribe({ hallId: 'branch' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await board.subscribe({ hallId: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await board.subscribe({ hallId: 'main', windowId: 'bw1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await board.subscribe({ hallId: 'main', zoneId: 'b1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const before = await issue(app, 'tax-reg');
    // subscribed to its own hall afterwards, the next ticket reaches it: had the first reached it, it would be there before
    expect(await board.subscribe({ hallId: 'main' })).toEqual({ ok: true, snapshot: true });
    const after = await issue(app, 'tax-reg');
    await board.waitForEvents(1);
    expect(board.events.map((e) => e.data)).toMatchObject([{ number: after.number }]);
    expect(after.number).not.toBe(before.number);
  });

  it('refuses a manager of another hall, and lets staff subscribe to their own hall', async () => {
    const branch = await listen(app.socket(await app.login('branchmanager')));
    expect(await branch.subscribe({ hallId: 'main' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const staff = await listen(app.socket(wangfang));
    expect(await staff.subscribe({ hallId: 'main', windowId: 'w1' })).toEqual({ ok: true, snapshot: true });
  });

  it('offers no commands over the socket: an unknown emit changes nothing', async () => {
    await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'close');
    const board = await listen(app.socket(TOKENS.display));
    await board.subscribe({ hallId: 'main' });
    (board.socket as any).emit('call-next', { windowId: 'w1' });
    (board.socket as any).emit('issue', { serviceId: 'tax-reg' });
    // the server reads a socket's messages in order: once this one is answered, the two above have been handled
    const seq = board.snapshots[0]!.seq;
    expect(await board.subscribe({ hallId: 'main', sinceSeq: seq })).toEqual({ ok: true, replayed: 0 });
    expect(board.events).toHaveLength(0);
    const snap = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    expect(snap.body.seq).toBe(seq);
  });
});
