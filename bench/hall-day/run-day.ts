import { openPtyPair, type PtyPair } from '../../tests/helpers/pty-pair.js';
import { apiOf, expectOk, type Api } from '../lib/http-client.js';
import { startServedServer, type ServedServer } from '../lib/served-server.js';
import { summarize, type LatencySummary } from '../lib/stats.js';
import { bookAppointments, DayRecord, runKiosks, runWindow, type DayWorld, type Timed } from './day-actors.js';
import { checkDay, readDay, type DayCheck } from './day-checks.js';
import { boardAddress, DAY_DISPLAY_TOKEN, DAY_KIOSKS, DAY_PASSWORD, dayHallConfig, dayKioskToken } from './day-hall.js';
import { BoardClients, LedBus, PhoneStreams, WebhookReceiver } from './observers.js';
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
  /**
   * real seconds between the server's start and the opening: the server keeps its event-loop
   * delay over the last 30–60 s, so 35 s keeps start-up out of the day's worst delay (default 0)
   */
  quietSeconds?: number;
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
}

export interface DayResult {
  size: Omit<DaySize, 'progress'>;
  realSeconds: number;
  hours: HourFigures[];
  cpuMsPerTicket: number;
  rssMb: { atOpen: number; afterFirstHour: number; atClose: number };
  worstEventLoopDelayMs: number;
  counts: Record<string, number>;
  checks: DayCheck[];
}

/** A Monday, so that the default working calendar has the hall open (the clock is simulated: any run date works). */
const DAY = '2026-12-07';
const OPENING = new Date(`${DAY}T08:30:00+08:00`);

const DEFAULT_SHAPE: DayShape = {
  tickets: 0, openMinutes: 540, priorityShare: 0.05, appointmentShare: 0.03, noShowShare: 0.04, restoreShare: 0.3,
  transferShare: 0.03, meanServiceMinutes: 1.2, pauseMinutes: 15, seed: 20261207,
};

function byHour(timed: readonly Timed[], hour: number): number[] {
  return timed.filter((t) => t.hour === hour).map((t) => t.ms);
}

async function login(api: Api, username: string): Promise<string> {
  return expectOk(await api('POST', '/api/auth/login', { body: { username, password: DAY_PASSWORD } }), `login ${username}`).token as string;
}

function boardSubscriptions(count: number, windows: number): Record<string, unknown>[] {
  const kinds: Record<string, unknown>[] = [{ hallId: 'main' }, { hallId: 'main', zoneId: 'f1' }, { hallId: 'main', zoneId: 'f2' },
    ...Array.from({ length: windows }, (_, i) => ({ hallId: 'main', windowId: `w${i + 1}` }))];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!);
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
  let leds: LedBus | undefined;
  const boards = new BoardClients();
  try {
    if (size.ledBus) pty = await openPtyPair();
    const config = dayHallConfig({ windows: size.windows, services: size.services, ...(pty ? { busPort: pty.a } : {}) });
    // the day starts once the server is surely up; both sides read hall time off the same wall clock
    const origin = Date.now() + 3000;
    // appointments are booked in the first half hour, then the quiet time passes before the opening
    const dayStart = new Date(OPENING.getTime() - Math.max(30 * 60_000, (size.quietSeconds ?? 0) * 1000 * size.speed));
    server = await startServedServer({
      config, entry: size.entry ?? 'built',
      args: ['--clock-start', dayStart.toISOString(), '--clock-speed', String(size.speed), '--clock-origin', new Date(origin).toISOString()],
    });
    const time = new SimTime(dayStart, size.speed, origin);
    if (pty) {
      leds = new LedBus(pty.b, size.windows, [0, 1].map((z) => boardAddress(z, size.windows)));
      await leds.open();
    }
    const api = apiOf(server.url);
    const managerToken = await login(api, 'manager');
    expectOk(await api('PUT', '/api/halls/main/appointment-rules', { token: managerToken, body: { webhookUrl: smsUrl } }), 'set the SMS webhook');
    const windowIds = config.windows.map((w) => w.id);
    const staffTokens = await Promise.all(config.windows.map((w) => login(api, `clerk${w.number}`)));
    say(`${size.boards} boards subscribing`);
    await boards.connect(server.url, DAY_DISPLAY_TOKEN, boardSubscriptions(size.boards, size.windows));

    const weights = new Map(config.services.map((s, i) => [s.id, 1 + ((i * 7) % 5)]));
    const plan = planDay(shape, weights, windowIds);
    const record = new DayRecord();
    const phones = new PhoneStreams(server.url, size.phones);
    const world: DayWorld = {
      api, time, openAt: OPENING.getTime(), plan, record, phones,
      kioskTokens: Array.from({ length: DAY_KIOSKS }, (_, i) => dayKioskToken(i)), managerToken,
    };
    say('booking the day\'s appointments');
    const codes = await bookAppointments(world, DAY);
    await time.until(world.openAt);
    const atOpen = server.figures();
    say(`the hall opens: ${shape.tickets} visitors over ${shape.openMinutes} minutes at ${size.speed}× (${Math.round((shape.openMinutes * 60) / size.speed)} s)`);
    const s = server;
    let afterFirstHour = atOpen.rssMb;
    const firstHour = time.until(world.openAt + 60 * 60_000).then(() => { afterFirstHour = s.figures().rssMb; });
    const hourly = setInterval(() => say(`${Math.floor(time.minutesSince(world.openAt) / 60)} h: ${record.acknowledged} tickets, ${record.calls.length} calls, ${phones.count} phones open`), 15_000);
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
    const atClose = server.figures();
    phones.close();

    say('waiting for the outbox to drain, then checking the day');
    const drainDeadline = Date.now() + 90_000;
    let facts = readDay(server.dataDir, DAY);
    while (facts.outbox.some((o) => o.status === 'pending') && Date.now() < drainDeadline) {
      await new Promise((r) => setTimeout(r, 1000));
      facts = readDay(server.dataDir, DAY);
    }
    const checks = await checkDay(api, managerToken, DAY, facts, record, { boards, phones, sms, ...(leds ? { leds } : {}) });
    const hours = Array.from({ length: Math.ceil(shape.openMinutes / 60) }, (_, h): HourFigures => {
      const issues = byHour(record.issues, h);
      const calls = byHour(record.calls, h);
      return { hour: `${String(8 + h).padStart(2, '0')}:30`, issued: issues.length, issue: summarize(issues), calls: calls.length, call: summarize(calls) };
    });
    const { progress: _p, ...sizeFigures } = size;
    return {
      size: sizeFigures, realSeconds: Math.round((Date.now() - t0) / 1000), hours,
      cpuMsPerTicket: Math.round(((atClose.cpuMs - atOpen.cpuMs) / Math.max(1, record.acknowledged)) * 1000) / 1000,
      rssMb: { atOpen: atOpen.rssMb, afterFirstHour, atClose: atClose.rssMb },
      worstEventLoopDelayMs: worstLoopDelayMs,
      counts: {
        tickets: record.acknowledged, checkedIn: record.checkedIn, appointmentsBooked: record.appointmentsBooked, calls: facts.calls.length,
        served: facts.finishedEvents, rated: record.rated, restored: record.restored, notificationsSent: facts.outbox.filter((o) => o.status === 'sent').length,
      },
      checks,
    };
  } finally {
    boards.close();
    await leds?.close();
    await server?.stop();
    await pty?.close();
    await sms.close();
  }
}
