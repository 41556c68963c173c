import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { ConfigError } from '../config/load-config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** requests answered 503 OVERLOADED since start (for /metrics) */
    loadShedding: { refused: number; maxEventLoopDelayMs: number };
  }
}

// A loop that lags 2 s on average is failing every caller already; below that, queueing beats refusing.
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 2000;
const RETRY_AFTER_S = 5;
/** share of the last sample the loop spent running callbacks, from which a lagging loop is "ours" */
const BUSY_LOOP = 0.8;

export interface LoadSheddingOptions {
  /** shed while the mean event-loop delay of the last sample is above this; 0 = never */
  maxEventLoopDelayMs: number;
  /** no shedding this long after the server starts listening (default 10 s) */
  graceMs?: number;
}

const DEFAULT_GRACE_MS = 10_000;

/** HALLQ_SHED_EVENT_LOOP_DELAY_MS, default 2000 (the server's main turns shedding on with it). */
export function loadSheddingFromEnv(env: NodeJS.ProcessEnv): LoadSheddingOptions {
  const raw = env.HALLQ_SHED_EVENT_LOOP_DELAY_MS;
  if (raw === undefined || raw === '') return { maxEventLoopDelayMs: DEFAULT_MAX_EVENT_LOOP_DELAY_MS };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`HALLQ_SHED_EVENT_LOOP_DELAY_MS must be a whole number of milliseconds (0 = never shed), got "${raw}"`);
  return { maxEventLoopDelayMs: n };
}

/**
 * Load shedding: while the event loop lags more than the limit and was busy (not starved of CPU
 * by other processes), HTTP requests are answered at once with 503 OVERLOADED and Retry-After
 * instead of queueing behind the work that stalls it.
 * Socket.io (boards) is not touched; a route can opt out with `config.pressureHandler`. Off
 * unless asked for (main.ts asks, from the environment): test servers share their process with
 * the tests' own work.
 */
export async function registerLoadShedding(app: FastifyInstance, opts?: LoadSheddingOptions): Promise<void> {
  const maxEventLoopDelayMs = opts?.maxEventLoopDelayMs ?? 0;
  const state = { refused: 0, maxEventLoopDelayMs };
  app.decorate('loadShedding', state);
  if (maxEventLoopDelayMs === 0) return;
  // Start-up (module loading, catch-ups, the first backup) stalls the loop once; shedding the
  // first requests of a server that has just come up would only turn that into refusals.
  const graceMs = opts?.graceMs ?? DEFAULT_GRACE_MS;
  let listeningSince: number | undefined;
  app.addHook('onListen', async () => {
    listeningSince = Date.now();
  });
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    // A sample with no loop tick in it counts as an infinite delay: with the sample as long as
    // the limit, only a stall that long sheds, never a short one that straddles a sample.
    sampleInterval: Math.max(250, maxEventLoopDelayMs),
    // measured (never a reason on its own: 1 cannot be exceeded) to tell a busy loop from a starved one
    maxEventLoopUtilization: 1,
    eventLoopUtilizationMode: 'interval',
    pressureHandler: (request, reply, type, value) => {
      if (listeningSince === undefined || Date.now() - listeningSince < graceMs) return;
      // A late loop that was mostly idle was starved by the machine (other processes), not kept
      // busy by this server's work: refusing requests would not make it any faster.
      if (type !== underPressure.TYPE_EVENT_LOOP_DELAY || app.memoryUsage().eventLoopUtilized < BUSY_LOOP) return;
      state.refused++;
      request.log.warn({ type, value }, 'server under pressure: request refused');
      void reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_S))
        .send({
          error: { code: 'OVERLOADED', message: `服务器繁忙，请 ${RETRY_AFTER_S} 秒后重试 (server busy: retry in ${RETRY_AFTER_S} s)` },
        });
    },
  });
}
