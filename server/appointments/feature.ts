import { ConfigError } from '../config/load-config.js';
import type { Feature, FeatureInstance } from '../features.js';
import { LogNotifier } from '../notify/log-notifier.js';
import type { Notifier } from '../notify/notifier.js';
import { WebhookNotifier } from '../notify/webhook-notifier.js';
import { bookingRoutes } from './booking-routes.js';
import { buildAppointmentDeps, rulesOf } from './deps.js';
import { AppointmentJobRunner, type JobReport } from './job-runner.js';
import { manageRoutes } from './manage-routes.js';
import { PhoneConfirmation } from './phone-codes.js';
import { composeNotification } from './notifications.js';
import { watchTurnSoon } from './turn-soon.js';

export interface AppointmentsFeatureOptions {
  /** how often the jobs run (no-shows, bars, purge, notifications); default env HALLQ_APPOINTMENT_JOBS_MS, else 30 s */
  jobIntervalMs?: number;
  /** replaces the per-hall choice (webhook if the hall set one, else the log) */
  notifier?: Notifier;
  /** replaces it for the SMS confirmation codes only */
  phoneCodeNotifier?: Notifier;
  /** the address phones open, for the door code's QR; default env HALLQ_PUBLIC_URL, else the board's own address */
  publicUrl?: string;
}

export interface AppointmentsFeature extends Feature {
  /** one pass of the jobs on the running server (tests move the clock, then call this) */
  runJobs(): Promise<JobReport>;
}

/** `HALLQ_APPOINTMENT_JOBS_MS`: a whole number of ms, at least 100 (default 30 s); a bad value stops the server */
function jobIntervalFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 30_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100) throw new ConfigError(`HALLQ_APPOINTMENT_JOBS_MS must be a whole number of ms, at least 100, got ${raw}`);
  return ms;
}

/** Appointments (预约) and the working calendar's management: routes, jobs, notifications. */
export function createAppointmentsFeature(opts: AppointmentsFeatureOptions = {}): AppointmentsFeature {
  let runner: AppointmentJobRunner | null = null;
  return {
    name: 'appointments',
    async setup(ctx, stores): Promise<FeatureInstance> {
      const log = ctx.log.child({ module: 'appointments' });
      const intervalMs = opts.jobIntervalMs ?? jobIntervalFromEnv(process.env.HALLQ_APPOINTMENT_JOBS_MS);
      const deps = await buildAppointmentDeps(ctx, stores, opts.publicUrl ?? process.env.HALLQ_PUBLIC_URL ?? null);
      const logNotifier = new LogNotifier(log);
      const notifierFor = async (hallId: string): Promise<Notifier> => {
        if (opts.notifier) return opts.notifier;
        const url = (await rulesOf(deps, hallId)).webhookUrl;
        return url ? new WebhookNotifier(url) : logNotifier;
      };
      const jobs = new AppointmentJobRunner(
        deps,
        {
          outbox: deps.outbox,
          clock: ctx.clock,
          log,
          notifierFor,
          compose: async (m) => await composeNotification(deps, m),
          ...(ctx.claimKey ? { claimKey: ctx.claimKey } : {}),
        },
        log,
      );
      runner = jobs;
      const turnSoon = watchTurnSoon(deps, (err) => log.error({ err }, 'turn-soon check failed'));
      const unsubscribe = ctx.bus.subscribe(turnSoon.listener);
      const booking = bookingRoutes(deps, new PhoneConfirmation(deps, async (hallId) => opts.phoneCodeNotifier ?? (await notifierFor(hallId))));
      const manage = manageRoutes(deps);
      return {
        routes: async (app) => {
          await booking(app);
          await manage(app);
        },
        start: () => {
          jobs.start(intervalMs);
          // whatever fell due while the server was down goes out now, not at the first tick
          jobs.runOnce().catch((err: unknown) => log.error({ err }, 'appointment jobs failed'));
        },
        close: async () => {
          unsubscribe();
          turnSoon.close();
          await jobs.stop();
        },
      };
    },
    runJobs() {
      if (!runner) throw new Error('the appointments feature is not running');
      return runner.runOnce();
    },
  };
}

export const appointmentsFeature = createAppointmentsFeature();
