import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withDemoBoards } from './config/demo-boards.js';
import { demoConfig, DEMO_PASSWORD } from './config/demo-config.js';
import { demoTokens } from './config/demo-tokens.js';
import { ConfigError, loadConfigFile } from './config/load-config.js';
import type { HallConfig } from './config/schema.js';
import { rehearsalClock } from './app/rehearsal-clock.js';
import type { Clock } from './app/context.js';
import { loadSheddingFromEnv } from './http/load-shedding.js';
import { pgTimeoutsFromEnv } from './store/postgres/pg-timeouts.js';
import { SERVER_OPTIONS } from './cli-options.js';
import { DataDirError, ensureWritableDataDir } from './data-dir.js';
import { createLogger } from './logger.js';
import { startHallServer, type HallServer } from './server.js';
import { leaderLeaseMs } from './store/postgres/pg-cluster-node.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** The UI URLs of each hall, with the device tokens the config gives them. */
export function uiUrls(base: string, config: HallConfig): Record<string, string> {
  const urls: Record<string, string> = { staff: `${base}/staff/`, docs: `${base}/docs` };
  for (const hall of config.halls) {
    const devices = (config.devices ?? []).filter((d) => d.hallId === hall.id);
    const kiosk = devices.find((d) => d.kind === 'kiosk');
    const display = devices.find((d) => d.kind === 'display');
    const firstWindow = config.windows.find((w) => w.hallId === hall.id);
    const suffix = config.halls.length > 1 ? `:${hall.id}` : '';
    if (kiosk) urls[`kiosk${suffix}`] = `${base}/kiosk/?hall=${hall.id}&token=${kiosk.token}`;
    if (display) {
      urls[`hallBoard${suffix}`] = `${base}/display/hall/?hall=${hall.id}&zone=${hall.zones[0]!.id}&token=${display.token}`;
      if (firstWindow) urls[`windowBoard${suffix}`] = `${base}/display/window/?window=${firstWindow.id}&token=${display.token}`;
    }
  }
  return urls;
}

/** `--clock-start ISO [--clock-speed N] [--clock-origin ISO]`: a rehearsal of a day, see app/rehearsal-clock.ts */
function clockOf(start: string | undefined, speed: string | undefined, origin: string | undefined): Clock | undefined {
  if (start === undefined) {
    if (speed !== undefined || origin !== undefined) throw new ConfigError('--clock-speed and --clock-origin need --clock-start');
    return undefined;
  }
  const at = new Date(start);
  if (Number.isNaN(at.getTime())) throw new ConfigError(`--clock-start must be an ISO date-time, got ${start}`);
  const factor = Number(speed ?? 1);
  if (!(factor > 0) || !Number.isFinite(factor)) throw new ConfigError(`--clock-speed must be a positive number, got ${speed}`);
  const originMs = origin === undefined ? Date.now() : Date.parse(origin);
  if (Number.isNaN(originMs)) throw new ConfigError(`--clock-origin must be an ISO date-time, got ${origin}`);
  return rehearsalClock(at, factor, originMs);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: SERVER_OPTIONS });
  const log = createLogger();
  const dataDir = resolve(values.data ?? process.env.HALLQ_DATA_DIR ?? './data');
  const configFile = values.config ?? process.env.HALLQ_CONFIG;
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be a port number, got ${values.port ?? process.env.PORT}`);

  ensureWritableDataDir(dataDir); // before the demo's token file or the database is written there
  let config: HallConfig;
  if (configFile) config = loadConfigFile(resolve(configFile));
  else if (values.demo) config = withDemoBoards(demoConfig(demoTokens(dataDir)), process.env);
  else throw new ConfigError('no config: pass --config FILE (or HALLQ_CONFIG), or --demo for the demo hall');

  const clock = clockOf(values['clock-start'] ?? process.env.HALLQ_CLOCK_START, values['clock-speed'] ?? process.env.HALLQ_CLOCK_SPEED, values['clock-origin']);
  if (clock) log.warn({ clockStart: clock.now().toISOString() }, "rehearsal clock: the hall's time is simulated, not for a live hall");

  // Signals are handled from the start: a stop during start-up still closes the database cleanly.
  let server: HallServer | undefined;
  let stopping = false;
  const closeAndExit = (s: HallServer) =>
    s.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // A close that hangs (a stuck device, a socket that will not drain) must not keep the process alive.
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    if (server) void closeAndExit(server);
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  const trustProxy = values['trust-proxy'] ?? process.env.HALLQ_TRUST_PROXY;
  const database = values.database ?? process.env.HALLQ_DATABASE ?? config.database;
  const leaseMs = leaderLeaseMs(values['leader-lease-ms'] ?? process.env.HALLQ_LEADER_LEASE_MS);
  server = await startHallServer({
    dataDir,
    ...(database ? { database } : {}),
    ...(leaseMs ? { leaderLeaseMs: leaseMs } : {}),
    config,
    port,
    ...(clock ? { clock } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(trustProxy ? { trustProxy } : {}),
    log,
    loadShedding: loadSheddingFromEnv(process.env),
    pgTimeouts: pgTimeoutsFromEnv(process.env),
  });
  if (stopping) return void closeAndExit(server);
  const demo = values.demo && !configFile;
  log.info({ port: server.port, dataDir, ...(demo ? { demoLogin: `wangfang / manager / admin, password ${DEMO_PASSWORD}` } : {}) }, 'Hall Queue is serving');
  // the pages' URLs carry device tokens: written out only when asked, or for the demo, and not to the log
  if (values['print-urls'] || demo) {
    for (const [name, url] of Object.entries(uiUrls(`http://localhost:${server.port}`, config))) process.stdout.write(`${name}: ${url}\n`);
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirError) {
    process.stderr.write(`hall-queue: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`hall-queue: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
