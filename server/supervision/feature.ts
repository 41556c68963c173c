import { leadsHall, type AppContext } from '../app/context.js';
import type { FeatureStores } from '../app/feature-stores.js';
import { addDays, type WorkingCalendar } from '../domain/working-days.js';
import type { Feature, FeatureInstance } from '../features.js';
import { AGGREGATOR_BATCH, ReportAggregator } from './aggregator.js';
import { AlertEngine } from './alert-engine.js';
import type { AlertSink } from './alert-sink.js';
import type { SupervisionDeps } from './deps.js';
import { FollowUps } from './follow-ups.js';
import { IN_PROCESS_PACE, type SupervisionRepositories } from './ports.js';
import { supervisionMonitorRoutes } from './routes-monitor.js';
import { supervisionReportRoutes } from './routes-reports.js';
import { SupervisionSettings } from './settings.js';

export interface SupervisionOptions {
  /** how often every hall is checked against the alert rules (real time) */
  checkIntervalMs?: number;
  /** a burst of events triggers one check after this delay (default: the store's `pace.alertCheckMs`) */
  debounceMs?: number;
  /**
   * how long after an event the report figures catch up with the log (default: the store's
   * `pace.catchUpMs`). Readers (monitor, reports, the alert check) catch up before they read, so
   * this only bounds how stale the tables are; one write per interval instead of one per event.
   */
  catchUpMs?: number;
  /** replaces the log/webhook sinks (tests) */
  sinkFor?: (url: string | null) => AlertSink;
}

/** Holidays and 调休 days from the working calendar (appointments feature), for follow-up deadlines. */
function calendarOf(repos: SupervisionRepositories): (hallId: string, fromDay: string) => Promise<WorkingCalendar> {
  return async (hallId, fromDay) => {
    const days = await repos.calendarDays(hallId, fromDay, addDays(fromDay, 60));
    return {
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      workingWeekends: days.filter((d) => d.kind === 'workday').map((d) => d.date),
    };
  };
}

/** Supervision's use-cases on its repositories (SQLite: `sqliteSupervisionRepositories(db)`; PostgreSQL: `pgSupervisionRepositories(store)`). */
export function buildSupervision(ctx: AppContext, repos: SupervisionRepositories, opts: SupervisionOptions = {}): SupervisionDeps {
  const settings = new SupervisionSettings(ctx, repos.records);
  return {
    ctx,
    repos,
    aggregates: repos.aggregates,
    records: repos.records,
    reports: repos.reports,
    settings,
    hardware: () => repos.hardware(),
    aggregator: new ReportAggregator(ctx, repos, calendarOf(repos)),
    alerts: new AlertEngine(ctx, repos, settings, opts.sinkFor),
    followUps: new FollowUps(ctx, repos),
  };
}

/**
 * 电子监察 · 绩效考核: report aggregates kept as events commit, alerts checked on events and on a
 * timer, the live monitor, follow-ups, scores and reports.
 */
export function createSupervisionFeature(opts: SupervisionOptions = {}): Feature {
  return {
    name: 'supervision',
    setup(ctx: AppContext, stores: FeatureStores): FeatureInstance {
      const deps = buildSupervision(ctx, stores.supervision, opts);
      const pace = stores.supervision.pace ?? IN_PROCESS_PACE;
      const catchUpMs = opts.catchUpMs ?? pace.catchUpMs;
      const debounceMs = opts.debounceMs ?? pace.alertCheckMs;
      const log = ctx.log.child({ module: 'supervision' });
      let closed = false;
      const pending = new Map<string, NodeJS.Timeout>();
      const check = async (hallId: string) => {
        pending.delete(hallId);
        if (closed || !leadsHall(ctx, hallId)) return; // one node checks a hall: its leader
        try {
          await deps.aggregator.catchUp(hallId, 1);
          await deps.alerts.check(hallId);
        } catch (err) {
          log.error({ err, hallId }, 'alert check failed');
        }
      };
      // once per hall per interval, not per event: a busy minute of tickets is a few writes
      const behind = new Set<string>();
      let catchUpTimer: NodeJS.Timeout | undefined;
      const catchUp = async () => {
        catchUpTimer = undefined;
        const halls = [...behind];
        behind.clear();
        for (const hallId of halls) {
          if (closed) return;
          try {
            // a full batch means more are waiting: the next turn goes on (the hall is served between)
            if ((await deps.aggregator.catchUp(hallId, 1)) >= AGGREGATOR_BATCH) {
              behind.add(hallId);
              catchUpTimer ??= setTimeout(() => void catchUp(), 0).unref();
            }
          } catch (err) {
            log.error({ err, hallId }, 'report figures not updated');
          }
        }
      };
      const unsubscribe = ctx.bus.subscribe((event) => {
        // the leader keeps the figures; another node's readers catch up themselves before they read
        if (closed || !leadsHall(ctx, event.hallId)) return;
        behind.add(event.hallId);
        catchUpTimer ??= setTimeout(() => void catchUp(), catchUpMs).unref();
        if (event.type.startsWith('alert.') || event.type === 'followup.updated' || pending.has(event.hallId)) return;
        pending.set(event.hallId, setTimeout(() => void check(event.hallId), debounceMs).unref());
      });
      let timer: NodeJS.Timeout | undefined;
      return {
        routes: async (app) => {
          await app.register(supervisionMonitorRoutes(deps));
          await app.register(supervisionReportRoutes(deps));
        },
        async start() {
          // Catching up in batches with a yield between them: the hall is served meanwhile.
          let caughtUp = 0;
          for (const h of await ctx.store.halls.halls()) {
            if (!leadsHall(ctx, h.id)) continue;
            for (let n = await deps.aggregator.catchUp(h.id, 1); n > 0 && !closed; n = await deps.aggregator.catchUp(h.id, 1)) {
              caughtUp += n;
              await new Promise((resolve) => setImmediate(resolve));
            }
          }
          if (caughtUp > 0) log.info({ events: caughtUp }, 'report aggregates caught up with the event log');
          timer = setInterval(() => {
            ctx.store.halls.halls().then(
              async (halls) => {
                for (const h of halls) await check(h.id);
              },
              (err: unknown) => log.error({ err }, 'alert checks not run'),
            );
          }, opts.checkIntervalMs ?? 15_000).unref();
        },
        async close() {
          // the last interval's events are counted before the server stops, as they were per turn
          if (catchUpTimer) {
            clearTimeout(catchUpTimer);
            await catchUp();
          }
          closed = true;
          unsubscribe();
          if (timer) clearInterval(timer);
          if (catchUpTimer) clearTimeout(catchUpTimer);
          for (const t of pending.values()) clearTimeout(t);
        },
      };
    },
  };
}
