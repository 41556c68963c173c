import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { act, issue } from '../http/hall-steps.js';
import { listen } from './realtime-steps.js';

/**
 * A write's events are held on the bus from its commit until the disk has it (EventBus.hold); a
 * board's replay stops before what is held. A hold left behind would cut every later replay short,
 * so after any mix of writes — batched issues, refusals inside a batch, calls — nothing is held.
 */
let app: TestApp;

beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('events held until their commit is on the disk', () => {
  it('are all let go after a burst of issues with refusals among them, and a late board replays every one', async () => {
    const board = await listen(app.socket(TOKENS.display));
    await board.subscribe({ hallId: 'main' });
    const since = board.snapshots[0]!.seq;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: i % 7 === 3 ? 'no-such-service' : 'tax-reg' } }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(17);
    const wangfang = await app.login('wangfang');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    await issue(app, 'invoice');
    const live = await board.waitForEvents((await app.server.store.events.lastSeq('main')) - since);

    expect(app.server.ctx.bus.publishedSeq('main')).toBeUndefined();
    const late = await listen(app.socket(TOKENS.display));
    const ack = await late.subscribe({ hallId: 'main', sinceSeq: since });
    expect(ack).toEqual({ ok: true, replayed: live.length });
    expect(late.events.map((e) => e.seq)).toEqual(live.map((e) => e.seq));
  });
});
