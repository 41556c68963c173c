import { afterEach, beforeEach, expect } from 'vitest';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { at, daySteps, type DaySteps } from './scripted-day.js';

/** Supervision with its own timers out of the way: the tests run each alert check themselves. */
const quiet = createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 });

export interface AlertHall {
  app: TestApp;
  d: DaySteps;
  manager: string;
  /** sets the clock (and day) and runs an alert check as the manager */
  check(hhmm: string, day?: string): Promise<{ raised: number; resolved: number }>;
  /** the alerts not yet resolved */
  active(): Promise<any[]>;
}

/** A fresh hall with the supervision feature for each test, closed after it. */
export function useAlertHall(): AlertHall {
  const h = {
    async check(hhmm: string, day?: string) {
      h.app.clock.set(at(hhmm, day));
      if (day) h.manager = await h.app.login('manager'); // sessions last 12 hours
      const res = await h.app.http('POST', '/api/supervision/halls/main/alerts/check', { token: h.manager });
      expect(res.status).toBe(200);
      return res.body as { raised: number; resolved: number };
    },
    async active() {
      const live = await h.app.http('GET', '/api/supervision/halls/main/live', { token: h.manager });
      return (live.body.alerts as any[]).filter((a) => !a.resolvedAt);
    },
  } as AlertHall;
  beforeEach(async () => {
    h.app = await buildTestApp({ features: [quiet] });
    h.d = await daySteps(h.app);
    h.manager = h.d.tokens.manager!;
  });
  afterEach(async () => {
    await h.app.close();
  });
  return h;
}
