import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openPtyPair, type PtyPair } from '../../tests/helpers/pty-pair.js';
import { apiOf, expectOk, type Api } from '../lib/http-client.js';
import { startServedServer, type ServedServer } from '../lib/served-server.js';
import { summarize, type LatencySummary } from '../lib/stats.js';
import { bookAppointments, DayRecord, runKiosks, runWindow, type DayWorld, type Timed } from './day-actors.js';
import { checkDay, readDay, type DayCheck } from './day-checks.js';
import { boardAddress, dayHallConfig, generatedDayHall, type DayHall } from './day-hall.js';
import { BoardClientsProcess, LedBusProcess, PhoneStreams, WebhookReceiver } from './observers.js';
import { memorySample, type MemorySample } from './memory-samples.js';
import { planDay, type DayShape } from './plan.js';
import { SimTime } from './sim-time.js';

export interface DaySize {
  windows: number;
  services: number;
  tickets: number;
  /** socket.io boards and kiosks subscribed */
  boards: number;
  /** phones following their ticket at once, at most */
  phones: number;
  /** how many times faster than real time the day runs */
  speed: number;
  /** an LED strip per window and a board per floor on a simulated RS-485 bus (socat pty) */
  ledBus: boolean;
  /** rehearse this hall (its own config) instead of the generated one; windows, services and ledBus are then the config's */
  hall?: DayHall;
  /** the day rehearsed (YYYY-MM-DD) and its opening (HH:MM, the hall's local time); default a Monday at 08:30 */
  date?: string;
  opensAt?: string;
  /**
   * real seconds between the server's start and the opening: the server keeps its event-loop
   * delay over the last 30–60 s, so 35 s keeps start-up out of the day's worst delay (default 0)
   */
  quietSeconds?: number;
  /**
   * real seconds the closed hall rests before its memory is read "at close" (default 0): the
   * server keeps what the day's peaks took while the hall is busy, and gives it back once it has
   * been quiet for some 15 s (server/app/idle-memory-trim.ts)
   */
  closedRestSeconds?: number;
  shape?: Partial<DayShape>;
  /** 'built': dist/server/main.js as `npm run serve`; 'source': server/main.ts through tsx (tests) */
  entry?: 'built' | 'source';
  progress?(message: string): void;
}

export interface HourFigures {
  hour: string;
  issued: number;
  issue: LatencySummary;
  calls: number;
  call: LatencySummary;
  /**
   * the bench's own event-loop delay that hour, ms: its clients (boards, phones, the LED bus's far
   * end) share one loop, and a late loop adds to every latency it measures
   */
  benchLoop: { p99: number; max: number };
}

export interface DayResult {
  size: Omit<DaySize, 'progress' | 'hall'>;
  realSeconds: number;
  hours: HourFigures[];
  cpuMsPerTicket: number;
  /** at close: once the hall has rested `closedRestSeconds`; at the last call: as the last window finished */
  rssMb: { atOpen: number; afterFirstHour: number; atLastCall: number; atClose: number };
  /** the server's memory at the opening and at the end of each hour (V8 heap, buffers, native) */
  memory: MemorySample[];
  worstEventLoopDelayMs: number;
  /** share of first calls whose wait fell inside the range the kiosk gave (to the minute), and how many were scored */
  waitRange: { inside: number; below: number; above: number; insideShare: number };
  counts: Record<string, number>;
  checks: DayCheck[];
}

/** A Monday, so that the default working calendar has the hall open (the clock is simulated: any run date works). */
const DEFAULT_DAY = '2026-12-07';

const DEFAULT_OPENING = '08:30';

const DEFAULT_SHAPE: DayShape = {
  tickets: 0,
  openMinutes: 540,
  priorityShare: 0.05,
  appointmentShare: 0.03,
  noShowShare: 0.04,
  restoreShare: 0.3,
  transferShare: 0.03,
  meanServiceMinutes: 1.2,
  pauseMinutes: 15,
  seed: 20261207,
};

function byHour(timed: readonly Timed[], hour: number): number[] {
  return timed.filter((t) => t.hour === hour).map((t) => t.ms);
}

async function login(api: Api, who: { username: string; password: string }): Promise<string> {
  return expectOk(await api('POST', '/api/auth/login', { body: who }), `login ${who.username}`).token as string;
}

/** boards of the whole hall, of each floor and of each window, in turn */
function boardSubscriptions(count: number, hall: DayHall): Record<string, unknown>[] {
  const kinds: Record<string, unknown>[] = [
    { hallId: hall.hallId },
    ...hall.zoneIds.map((zoneId) => ({ hallId: hall.hallId, zoneId })),
    ...hall.windows.map((w) => ({ hallId: hall.hallId, windowId: w.id })),
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!);
}

/** the hall's local wall time as an instant (the hall's time zone from its config) */
function localInstant(date: string, hhmm: string, timeZone: string): Date {
  const guess = new Date(`${date}T${hhmm}:00Z`);
  const shown = new Date(guess.toLocaleString('en-US', { timeZone }));
  const asUtc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (shown.getTime() - asUtc.getTime()));
}

/** Replays a generated busy day on the served server, as the hall would live it, and checks it. */
export async function runHallDay(size: DaySize): Promise<DayResult> {
  const say = size.progress ?? (() => {});
  const shape: DayShape = { ...DEFAULT_SHAPE, ...size.shape, tickets: size.tickets };
  const t0 = Date.now();
  const sms = new WebhookReceiver();
  const smsUrl = await sms.start();
  let pty: PtyPair | undefined;
  let server: ServedServer | undefined;
  let leds: LedBusProcess | undefined;
  const boards = new BoardClientsProcess();
  try {
    if (size.ledBus && !size.hall) pty = await openPtyPair();
    const hall = size.hall ?? generatedDayHall(dayHallConfig({ windows: size.windows, services: size.services, ...(pty ? { busPort: pty.a } : {}) }));
    const { config } = hall;
    const day = size.date ?? DEFAULT_DAY;
    const opening = localInstant(day, size.opensAt ?? DEFAULT_OPENING, config.halls.find((h) => h.id === hall.hallId)!.timezone);
    // the day starts once the server is surely up (tsx compiles the source first); both sides read hall time off the same wall clock
    const origin = Date.now() + (size.entry === 'source' ? 20_000 : 5_000);
    // appointments are booked in the first half hour, then the quiet time passes before the opening
    const dayStart = new Date(opening.getTime() - Math.max(30 * 60_000, (size.quietSeconds ?? 0) * 1000 * size.speed));
    server = await startServedServer({
      config,
      entry: size.entry ?? 'built',
      args: ['--clock-start', dayStart.toISOString(), '--clock-speed', String(size.speed), '--clock-origin', new Date(origin).toISOString()],
    });
    const time = new SimTime(dayStart, size.speed, origin);
    if (pty) {
      leds = new LedBusProcess(
        pty.b,
        hall.windows.length,
        [0, 1].map((z) => boardAddress(z, hall.windows.length)),
        time,
      );
      await leds.open();
    }
    const api = apiOf(server.url);
    const managerToken = await login(api, hall.manager);
    expectOk(await api('PUT', `/api/halls/${hall.hallId}/appointment-rules`, { token: managerToken, body: { webhookUrl: smsUrl } }), 'set the SMS webhook');
    const windowIds = hall.windows.map((w) => w.id);
    const staffTokens = await Promise.all(hall.windows.map((w) => login(api, w)));
    say(`${size.boards} boards subscribing`);
    await boards.connect(server.url, hall.displayToken, boardSubscriptions(size.boards, hall));

    const services = config.services.filter((s) => s.hallId === hall.hallId);
    const weights = new Map(services.map((s, i) => [s.id, 1 + ((i * 7) % 5)]));
    const plan = planDay(shape, weights, windowIds);
    const record = new DayRecord();
    const phones = new PhoneStreams(server.url, size.phones);
    const world: DayWorld = {
      api,
      time,
      hallId: hall.hallId,
      openAt: opening.getTime(),
      plan,
      record,
      phones,
      kioskTokens: hall.kioskTokens,
      managerToken,
    };
    say("booking the day's appointments");
    const codes = await bookAppointments(world, day);
    const lateMinutes = Math.max(0, time.minutesSince(world.openAt));
    await time.until(world.openAt);
    const atOpen = server.figures();
    say(
      `the hall opens: ${shape.tickets} visitors over ${shape.openMinutes} minutes at ${size.speed}× (${Math.round((shape.openMinutes * 60) / size.speed)} s)`,
    );
    const s = server;
    let afterFirstHour = atOpen.rssMb;
    const firstHour = time.until(world.openAt + 60 * 60_000).then(() => {
      afterFirstHour = s.figures().rssMb;
    });
    const localHHMM = (at: number) =>
      new Date(at).toLocaleTimeString('en-GB', { timeZone: config.halls.find((x) => x.id === hall.hallId)!.timezone, hour: '2-digit', minute: '2-digit' });
    const memory: MemorySample[] = [];
    const sampleMemory = async (at: number) => {
      const m = await memorySample(s.url, localHHMM(at));
      if (m) memory.push(m);
    };
    await sampleMemory(world.openAt);
    const benchLoop: HourFigures['benchLoop'][] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const hourlyMemory = (async () => {
      for (let h = 1; h <= Math.ceil(shape.openMinutes / 60); h++) {
        const at = world.openAt + Math.min(h * 60, shape.openMinutes) * 60_000;
        await time.until(at);
        benchLoop.push({ p99: Math.round(loop.percentile(99) / 1e6), max: Math.round(loop.max / 1e6) });
        loop.reset();
        if (h * 60 < shape.openMinutes) await sampleMemory(at);
      }
      loop.disable();
    })();
    const hourly = setInterval(
      () =>
        say(`${Math.floor(time.minutesSince(world.openAt) / 60)} h: ${record.acknowledged} tickets, ${record.calls.length} calls, ${phones.count} phones open`),
      15_000,
    );
    // the server keeps its event-loop delay over the last 30-60 s: read it every 10 s, keep the worst
    let worstLoopDelayMs = 0;
    const readLoopDelay = async () => {
      const health = await api('GET', '/api/health');
      worstLoopDelayMs = Math.max(worstLoopDelayMs, health.body?.eventLoopDelayMs?.max ?? 0);
    };
    const loopDelayReader = setInterval(() => void readLoopDelay(), 10_000);
    await Promise.all([runKiosks(world, codes), ...windowIds.map((id, i) => runWindow(world, id, staffTokens[i]!)), firstHour]);
    clearInterval(hourly);
    clearInterval(loopDelayReader);
    await readLoopDelay();
    await hourlyMemory;
    await sampleMemory(time.now());
    const atLastCall = server.figures();
    phones.close();
    let atClose = atLastCall;
    if (size.closedRestSeconds) {
      say(`the hall is closed: ${size.closedRestSeconds} s before its memory is read again`);
      await new Promise((resolve) => setTimeout(resolve, size.closedRestSeconds! * 1000));
      await sampleMemory(time.now());
      atClose = server.figures();
    }

    // the morning's session may have ended by the evening (hall time): the checks log in again
    say('waiting for the outbox to drain, then checking the day');
    const drainDeadline = Date.now() + 90_000;
    let facts = readDay(server.dataDir, hall.hallId, day);
    while (facts.outbox.some((o) => o.status === 'pending') && Date.now() < drainDeadline) {
      await new Promise((r) => setTimeout(r, 1000));
      facts = readDay(server.dataDir, hall.hallId, day);
    }
    await leds?.collect();
    await boards.collect();
    const checks = [
      {
        check: 'the day started on time (set-up done before the opening)',
        ok: lateMinutes === 0,
        found: lateMinutes ? `${Math.round(lateMinutes)} minutes late: give it more quietSeconds` : 'on time',
      },
      ...(await checkDay(api, hall.hallId, await login(api, hall.manager), day, size.speed, facts, record, { boards, phones, sms, ...(leds ? { leds } : {}) })),
    ];
    const hours = Array.from({ length: Math.ceil(shape.openMinutes / 60) }, (_, h): HourFigures => {
      const issues = byHour(record.issues, h);
      const calls = byHour(record.calls, h);
      const local = localHHMM(opening.getTime() + h * 3600_000);
      return {
        hour: local,
        issued: issues.length,
        issue: summarize(issues),
        calls: calls.length,
        call: summarize(calls),
        benchLoop: benchLoop[h] ?? { p99: 0, max: 0 },
      };
    });
    const { progress: _p, hall: _h, ...sizeFigures } = size;
    return {
      size: sizeFigures,
      realSeconds: Math.round((Date.now() - t0) / 1000),
      hours,
      cpuMsPerTicket: Math.round(((atLastCall.cpuMs - atOpen.cpuMs) / Math.max(1, record.acknowledged)) * 1000) / 1000,
      rssMb: { atOpen: atOpen.rssMb, afterFirstHour, atLastCall: atLastCall.rssMb, atClose: atClose.rssMb },
      memory,
      worstEventLoopDelayMs: worstLoopDelayMs,
      waitRange: {
        ...record.waitInRange,
        insideShare:
          Math.round((record.waitInRange.inside / Math.max(1, record.waitInRange.inside + record.waitInRange.below + record.waitInRange.above)) * 100) / 100,
      },
      counts: {
        tickets: record.acknowledged,
        checkedIn: record.checkedIn,
        appointmentsBooked: record.appointmentsBooked,
        calls: facts.calls.length,
        served: facts.finishedEvents,
        rated: record.rated,
        restored: record.restored,
        notificationsSent: facts.outbox.filter((o) => o.status === 'sent').length,
      },
      checks,
    };
  } finally {
    await boards.close();
    await leds?.close();
    await server?.stop();
    await pty?.close();
    await sms.close();
  }
}
