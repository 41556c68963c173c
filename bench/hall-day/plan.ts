/**
 * A generated busy day, decided before it runs (seeded, so two runs replay the same day):
 * who arrives when and for what, what becomes of each ticket at the window, and when each
 * window pauses. Times are minutes after the hall opens.
 */
export interface DayShape {
  tickets: number;
  /** minutes the hall is open */
  openMinutes: number;
  /** share of tickets taken in the 绿色通道 */
  priorityShare: number;
  /** share of tickets that are appointment check-ins */
  appointmentShare: number;
  noShowShare: number;
  /** share of no-shows who come back and are restored */
  restoreShare: number;
  transferShare: number;
  /** mean minutes at the window (exponential around it, at least 0.3) */
  meanServiceMinutes: number;
  /** each window pauses once, this long, somewhere in the day */
  pauseMinutes: number;
  seed: number;
}

export interface PlannedTicket {
  /** index in the day, also its visitor */
  i: number;
  arriveAt: number;
  serviceId: string;
  priority: boolean;
  appointment: boolean;
  outcome: 'served' | 'no-show' | 'no-show-restored' | 'transferred';
  serviceMinutes: number;
  /** for a transfer: the service it goes on to */
  transferTo?: string;
  /** 1–5 */
  rating: number;
}

export interface PlannedPause {
  windowId: string;
  at: number;
  minutes: number;
}

export interface DayPlan {
  shape: DayShape;
  tickets: PlannedTicket[];
  pauses: PlannedPause[];
}

/** Park–Miller: small, seeded, the same on every machine. */
export function seededRandom(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** Arrival intensity over the day (0–1 of the day): a morning and a smaller afternoon peak. */
function intensity(x: number): number {
  const bump = (centre: number, width: number, height: number) => height * Math.exp(-(((x - centre) / width) ** 2));
  return 0.25 + bump(0.2, 0.1, 1) + bump(0.65, 0.12, 0.75);
}

/** Arrival times: rejection sampling against the intensity, sorted. */
function arrivals(n: number, openMinutes: number, rnd: () => number): number[] {
  const out: number[] = [];
  // the last half hour gets no new walk-ins: the hall stops issuing before it closes
  const span = openMinutes - 30;
  while (out.length < n) {
    const x = rnd();
    if (rnd() * 1.3 <= intensity(x)) out.push(x * span);
  }
  return out.sort((a, b) => a - b);
}

const RATINGS = [5, 5, 5, 5, 5, 5, 4, 4, 3, 2, 1];

export function planDay(shape: DayShape, serviceWeights: ReadonlyMap<string, number>, windowIds: readonly string[]): DayPlan {
  const rnd = seededRandom(shape.seed);
  const services = [...serviceWeights.entries()];
  const total = services.reduce((s, [, w]) => s + w, 0);
  const pickService = () => {
    let r = rnd() * total;
    for (const [id, w] of services) if ((r -= w) <= 0) return id;
    return services.at(-1)![0];
  };
  const tickets = arrivals(shape.tickets, shape.openMinutes, rnd).map((arriveAt, i): PlannedTicket => {
    const serviceId = pickService();
    const appointment = rnd() < shape.appointmentShare;
    const r = rnd();
    const outcome: PlannedTicket['outcome'] =
      r < shape.noShowShare
        ? rnd() < shape.restoreShare
          ? 'no-show-restored'
          : 'no-show'
        : r < shape.noShowShare + shape.transferShare && services.length > 1
          ? 'transferred'
          : 'served';
    let transferTo: string | undefined;
    if (outcome === 'transferred')
      do transferTo = pickService();
      while (transferTo === serviceId);
    return {
      i,
      arriveAt,
      serviceId,
      appointment,
      outcome,
      ...(transferTo ? { transferTo } : {}),
      priority: !appointment && rnd() < shape.priorityShare,
      serviceMinutes: Math.max(0.3, -Math.log(1 - rnd() * 0.999) * shape.meanServiceMinutes),
      rating: RATINGS[Math.floor(rnd() * RATINGS.length)]!,
    };
  });
  const pauses = windowIds.map((windowId) => ({ windowId, at: shape.openMinutes * (0.15 + rnd() * 0.7), minutes: shape.pauseMinutes }));
  return { shape, tickets, pauses };
}
