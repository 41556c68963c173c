import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../server/app/context.js';
import type { HallEvent } from '../../../server/contract/events.js';
import { HaochaPush } from '../../../server/haocha/haocha-push.js';
import { DEFAULT_HAOCHA } from '../../../server/haocha/payload.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { at, scriptedDay } from '../reports/scripted-day.js';

/**
 * The hall's real store, whose first read of the event log answers only once `release` is
 * called: a catch-up that read its events, then was slow to compose them (PostgreSQL's round
 * trips, another node), while a newer event committed.
 */
function heldAfterFirstRead(ctx: AppContext): { ctx: AppContext; read: Promise<HallEvent[]>; release(): void } {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let reported!: (events: HallEvent[]) => void;
  const read = new Promise<HallEvent[]>((r) => (reported = r));
  let first = true;
  const since = async (hallId: string, fromSeq: number, limit: number) => {
    const events = await ctx.store.events.since(hallId, fromSeq, limit);
    if (first) {
      first = false;
      reported(events);
      await held;
    }
    return events;
  };
  const events = new Proxy(ctx.store.events, { get: (t, p) => (p === 'since' ? since : Reflect.get(t, p).bind(t)) });
  const store = new Proxy(ctx.store, { get: (t, p) => (p === 'events' ? events : Reflect.get(t, p)) });
  return { ctx: { ...ctx, store }, read, release };
}

let app: TestApp;
beforeEach(async () => {
  app = await buildTestApp({ features: [createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 })] });
});
afterEach(async () => {
  await app.close();
});

describe('好差评 queueing when two catch-ups of a hall overlap', () => {
  it('the one that read more events queues what the first did not, though the first moved the mark', async () => {
    const { ctx, stores } = app.server;
    const settings = async () => DEFAULT_HAOCHA;
    const pushOf = (c: AppContext) => new HaochaPush(c, stores.haocha, stores.followUps, settings, ctx.log);
    await pushOf(ctx).startFromNowIfNew('main');
    const ids = await scriptedDay(app); // three ratings, and a 差评 follow-up for A002

    // the first catch-up reads the three ratings, then is slow
    const first = heldAfterFirstRead(ctx);
    const firstDone = pushOf(first.ctx).catchUp('main');
    expect((await first.read).filter((e) => e.type === 'evaluation.created')).toHaveLength(3);

    // a callback step commits; the second catch-up reads it with the ratings, and is slower still
    app.clock.set(at('11:05'));
    expect((await app.http('POST', `/api/supervision/followups/${ids.A002}/callback`, { token: ids.managerToken!, body: { note: '已电话致歉' } })).status).toBe(
      200,
    );
    const second = heldAfterFirstRead(ctx);
    const secondDone = pushOf(second.ctx).catchUp('main');
    expect((await second.read).some((e) => e.type === 'followup.updated')).toBe(true);

    first.release();
    expect(await firstDone).toBe(3);
    second.release();
    expect(await secondDone).toBe(1);

    const queued = (await stores.haocha.recent('main', '', 50)).map((m) => `${m.kind}:${(m.payload as any).ticket.number}`);
    expect(queued.sort()).toEqual(['callback:A002', 'rating:A001', 'rating:A002', 'rating:C001']);
  });
});
