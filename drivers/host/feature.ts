/**
 * The device host inside the server (the default): reads `buses` and `hardware` from the
 * settings, drives them through the same use-cases as the console, one host per hall.
 */
import type { Logger } from 'pino';
import type { AppContext } from '../../server/app/context.js';
import type { SettingsPort } from '../../server/app/feature-stores.js';
import type { Feature, FeatureInstance } from '../../server/features.js';
import { DeviceHost, type DeviceHostOptions } from './device-host.js';
import { busDevices, hardwareProblems, type BusConfig, type HardwareConfig } from './hardware.js';
import { deviceHostRoutes } from './health-route.js';
import { InProcessLink } from './in-process-link.js';

export type DeviceHostTiming = Pick<DeviceHostOptions, 'bus' | 'onbon' | 'pollMs' | 'healthEveryMs'>;

/** the hall a piece of hardware belongs to: its window's, its zone's, or its kiosk's */
async function hallOf(ctx: AppContext, hw: HardwareConfig): Promise<string | undefined> {
  if (hw.windowId) return (await ctx.store.halls.window(hw.windowId))?.hallId;
  if (hw.zoneId) return (await ctx.store.halls.zone(hw.zoneId))?.hallId;
  if (hw.kioskId) return (await ctx.store.devices.get(hw.kioskId))?.hallId;
  return undefined;
}

/** One host per hall that has serial hardware; a bus belongs to the first hall that uses it. */
async function buildHosts(ctx: AppContext, settings: SettingsPort, timing: DeviceHostTiming, log: Logger): Promise<DeviceHost[]> {
  const buses = await settings.get<BusConfig[]>('buses', []);
  // hardware a remote agent drives is that agent's: the server opens none of its ports
  const hardware = (await settings.get<HardwareConfig[]>('hardware', [])).filter((hw) => !hw.agentId);
  for (const problem of hardwareProblems({ buses, hardware })) log.warn(problem);
  const hosts: DeviceHost[] = [];
  const busOwner = new Map<string, string>();
  const hallOfHw = new Map<HardwareConfig, string | undefined>();
  for (const hw of hardware) hallOfHw.set(hw, await hallOf(ctx, hw));
  for (const hall of await ctx.store.halls.halls()) {
    const mine = hardware.filter((hw) => hallOfHw.get(hw) === hall.id && (!hw.busId || (busOwner.get(hw.busId) ?? hall.id) === hall.id));
    const busIds = new Set(mine.flatMap((hw) => (hw.busId ? [hw.busId] : [])));
    for (const id of busIds) busOwner.set(id, hall.id);
    const config = { hallId: hall.id, timezone: hall.timezone, buses: buses.filter((b) => busIds.has(b.id)), hardware: mine };
    if (busDevices(config).length > 0) hosts.push(new DeviceHost({ config, link: new InProcessLink(ctx), log, ...timing }));
  }
  const skipped = hardware.filter((hw) => hw.busId && !hallOfHw.get(hw));
  if (skipped.length) log.warn({ ids: skipped.map((h) => h.id) }, 'serial hardware with no window, zone or kiosk of a known hall is not driven');
  return hosts;
}

export function deviceHostFeature(timing: DeviceHostTiming = {}): Feature {
  return {
    name: 'device-host',
    setup(ctx, stores): FeatureInstance {
      const settings = stores.settings;
      const log = ctx.log.child({ module: 'device-host' });
      let hosts: DeviceHost[] = [];
      let stopWatching: (() => void) | undefined;
      // Hardware edited in the manager console: the hosts are rebuilt from the new lists.
      let rebuilding = Promise.resolve();
      const rebuild = () => {
        rebuilding = rebuilding
          .then(async () => {
            await Promise.all(hosts.map((h) => h.close()));
            hosts = await buildHosts(ctx, settings, timing, log);
            for (const host of hosts) host.start();
            if (hosts.length) log.info({ halls: hosts.length, devices: hosts.reduce((n, h) => n + h.deviceCount, 0) }, 'device host started');
          })
          .catch((err: unknown) => log.error({ err }, 'device host failed to start'));
        return rebuilding;
      };
      return {
        routes: deviceHostRoutes(async (agentId) => (await settings.get<HardwareConfig[]>('hardware', [])).filter((hw) => hw.agentId === agentId)),
        async start() {
          stopWatching = ctx.bus.subscribe((e) => {
            if (e.type !== 'config.changed' || e.data.entity !== 'hardware') return;
            ctx.store.halls.halls().then(
              (halls) => {
                if (e.hallId === halls[0]?.id) void rebuild();
              },
              (err: unknown) => log.error({ err }, 'hardware change not applied'),
            );
          });
          await rebuild();
        },
        async close() {
          stopWatching?.();
          await rebuilding;
          await Promise.all(hosts.map((h) => h.close()));
        },
      };
    },
  };
}
