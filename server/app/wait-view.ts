import type { ServiceSummaryDto, WaitRangeDto } from '../contract/dto.js';
import type { Hall, Service, Ticket, Window } from '../domain/model.js';
import { CLASS_RANK } from '../domain/wait-estimate.js';
import { estimateWaitRange, servicePace, type EstimateWindow, type Pace, type ServiceTimeSample } from '../domain/wait-range.js';
import { rootContext, type AppContext } from './context.js';
import { otherZoneName, windowPlacesText } from '../domain/window-places.js';
import { asQueued, ticketPeopleAhead } from './queue-view.js';

/** Finished tickets a service's pace is learned from; at a busy hall about a week of that service. */
const SAMPLE_LIMIT = 300;
/** Service times change slowly: kiosks asking after every event share one read a minute. */
const SAMPLE_TTL_MS = 60_000;
const sampleCache = new WeakMap<AppContext, Map<string, { at: number; samples: ServiceTimeSample[] }>>();

async function samplesOf(ctx: AppContext, serviceId: string): Promise<ServiceTimeSample[]> {
  if (!ctx.store.serviceTimes) return [];
  const root = rootContext(ctx);
  let cache = sampleCache.get(root);
  if (!cache) sampleCache.set(root, (cache = new Map()));
  const now = ctx.clock.now().getTime();
  const hit = cache.get(serviceId);
  if (hit && now - hit.at >= 0 && now - hit.at < SAMPLE_TTL_MS) return hit.samples;
  const samples = (await ctx.store.serviceTimes.recentSamples(serviceId, SAMPLE_LIMIT)).map((r) => ({ startedAt: new Date(r.startedAt), seconds: r.seconds }));
  cache.set(serviceId, { at: now, samples });
  return samples;
}

type PlacedWindow = EstimateWindow & { number: number; zoneId: string };
/** per copy of a hall's windows: SQLite's repository hands out the same copy until they change (every ticket issued asks) */
const estimateWindows = new WeakMap<readonly Window[], PlacedWindow[]>();

async function windowsOf(ctx: AppContext, hallId: string): Promise<PlacedWindow[]> {
  const windows = await ctx.store.halls.windows(hallId);
  let placed = estimateWindows.get(windows);
  if (!placed) {
    placed = windows.map((w) => ({ id: w.id, number: w.number, zoneId: w.zoneId, open: w.status === 'open', serviceIds: w.serviceIds }));
    Object.freeze(placed);
    estimateWindows.set(windows, placed);
  }
  return placed;
}

/** a service's pace for one set of samples and one hour: every phone and kiosk asking after each event shares it */
const paceCache = new WeakMap<ServiceTimeSample[], { key: string; pace: Pace }>();

async function paceOf(ctx: AppContext, hall: Hall, service: Service): Promise<Pace> {
  const samples = await samplesOf(ctx, service.id);
  const now = ctx.clock.now();
  // quarter-hour buckets: a local hour begins on one in every time zone (+05:45 included)
  const key = `${Math.floor(now.getTime() / 900_000)}:${service.avgServiceMinutes}:${hall.timezone}`;
  const hit = paceCache.get(samples);
  if (hit?.key === key) return hit.pace;
  const pace = servicePace({ samples, normMinutes: service.avgServiceMinutes, now, timeZone: hall.timezone });
  paceCache.set(samples, { key, pace });
  return pace;
}

async function range(ctx: AppContext, hall: Hall, service: Service, windows: EstimateWindow[], aheadByService: Record<string, number>): Promise<WaitRangeDto> {
  const paceByService: Record<string, Pace> = {};
  for (const [id, n] of Object.entries(aheadByService)) {
    const other = n === 0 ? undefined : id === service.id ? service : await ctx.store.halls.service(id);
    if (other) paceByService[id] = await paceOf(ctx, hall, other);
  }
  return estimateWaitRange({ serviceId: service.id, windows, aheadByService, paceByService, fallbackPace: await paceOf(ctx, hall, service) });
}

/**
 * The kiosk's list with the wait of a ticket taken now (it stands behind every queued ticket
 * of the services its windows serve), and services no window serves marked as not offered.
 */
export async function withWaitRanges(ctx: AppContext, hall: Hall, list: ServiceSummaryDto[]): Promise<ServiceSummaryDto[]> {
  const windows = await windowsOf(ctx, hall.id);
  const waiting = Object.fromEntries(list.map((s) => [s.id, s.waiting]));
  const places = (serviceId: string) => windows.filter((w) => w.serviceIds.includes(serviceId)).map((w) => ({ number: w.number, zoneId: w.zoneId }));
  return await Promise.all(
    list.map(async (dto) => {
      const service = await ctx.store.halls.service(dto.id);
      if (!service) return dto;
      const served = windows.some((w) => w.serviceIds.includes(dto.id));
      const wait = await range(ctx, hall, service, windows, waiting);
      const windowPlaces = places(dto.id);
      if (service.nameEn) dto = { ...dto, nameEn: service.nameEn };
      if (service.materials.trim()) dto = { ...dto, materials: service.materials };
      if (served || !dto.open) return { ...dto, wait, windowPlaces };
      return { ...dto, wait, windowPlaces, open: false, closedReason: '暂无窗口办理此事项' };
    }),
  );
}

/**
 * A queued ticket's wait: for each service its serving windows share, the tickets that rank
 * before it (the same indexed count as people-ahead, asked per service — never the whole queue).
 */
export async function ticketWaitRange(ctx: AppContext, ticket: Ticket, known: { hall?: Hall; service?: Service } = {}): Promise<WaitRangeDto> {
  // the caller's copies when it has just read them (issuing): each is a round trip on PostgreSQL
  const hall = known.hall?.id === ticket.hallId ? known.hall : await ctx.store.halls.hall(ticket.hallId);
  const service = known.service?.id === ticket.serviceId ? known.service : await ctx.store.halls.service(ticket.serviceId);
  if (!hall || !service) return { kind: 'no-window' };
  const now = ctx.clock.now();
  const windows = await windowsOf(ctx, hall.id);
  const shared = new Set(windows.filter((w) => w.open && w.serviceIds.includes(service.id)).flatMap((w) => w.serviceIds));
  const rank = CLASS_RANK[asQueued(ticket, now).rank];
  const ref = { id: ticket.id, businessDay: ticket.businessDay, issuedAt: ticket.issuedAt, seqNo: ticket.seqNo, rank };
  const aheadByService: Record<string, number> = {};
  for (const id of shared) {
    aheadByService[id] =
      id === ticket.serviceId
        ? await ticketPeopleAhead(ctx, ticket, now)
        : // numbers of two services do not order tickets of one instant: count such a one as ahead
          await ctx.store.tickets.countQueuedAhead({ ...ref, serviceId: id, seqNo: Number.MAX_SAFE_INTEGER }, now.toISOString());
  }
  return await range(ctx, hall, service, windows, aheadByService);
}

/** `windowZoneName` for a ticket's window: named when it is not the issuing kiosk's zone. */
export async function zoneNameFor(ctx: AppContext, ticket: Ticket, windowZoneId: string): Promise<{ windowZoneName?: string }> {
  const here = ticket.kioskId ? ((await ctx.store.devices.get(ticket.kioskId))?.zoneId ?? null) : null;
  const name = otherZoneName(windowZoneId, await ctx.store.halls.zones(ticket.hallId), here);
  return name ? { windowZoneName: name } : {};
}

/** The windows of a ticket's service as the visitor is told them, floors named from the issuing kiosk's zone. */
export async function windowsTextFor(ctx: AppContext, ticket: Ticket): Promise<string> {
  const here = ticket.kioskId ? ((await ctx.store.devices.get(ticket.kioskId))?.zoneId ?? null) : null;
  const places = (await ctx.store.halls.windowsServing(ticket.serviceId)).map((w) => ({ number: w.number, zoneId: w.zoneId }));
  return places.length > 0 ? windowPlacesText(places, await ctx.store.halls.zones(ticket.hallId), here) : '';
}
