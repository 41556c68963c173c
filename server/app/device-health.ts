import type { DeviceHealthStatus } from '../contract/dto.js';
import type { DeviceHealth } from '../domain/model.js';
import { changeState, type AppContext } from './context.js';

export interface DeviceHealthReport {
  id: string;
  hallId: string;
  kind: string;
  status: DeviceHealthStatus;
  lastError?: string | null;
  counters?: Record<string, number>;
}

/**
 * Records a device's health. A change of status (or of error) is an event for the monitor;
 * counters alone are saved quietly, so a busy bus does not flood the event log.
 */
export async function reportDeviceHealth(ctx: AppContext, report: DeviceHealthReport): Promise<void> {
  const before = await ctx.store.devices.healthOf(report.id);
  const at = ctx.clock.now().toISOString();
  const next: DeviceHealth = {
    id: report.id,
    hallId: report.hallId,
    kind: report.kind,
    status: report.status,
    lastError: report.lastError ?? null,
    counters: report.counters ?? before?.counters ?? {},
    updatedAt: at,
  };
  const changed = !before || before.status !== next.status || before.lastError !== next.lastError;
  if (!changed) {
    await ctx.store.writeHall(next.hallId, async (tx) => await tx.devices.saveHealth(next));
    return;
  }
  await changeState(ctx, next.hallId, async (emit, ctx) => {
    await ctx.store.devices.saveHealth(next);
    await emit({
      type: 'device.health',
      at,
      hallId: next.hallId,
      data: { id: next.id, kind: next.kind, status: next.status, counters: next.counters, at, ...(next.lastError ? { lastError: next.lastError } : {}) },
    });
  });
}
