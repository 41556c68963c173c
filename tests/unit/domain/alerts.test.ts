import { describe, expect, it } from 'vitest';
import { balanceSuggestions, DEFAULT_ALERT_THRESHOLDS, hallAlerts, waitLevel, type HallWatch } from '../../../server/domain/alerts.js';
import { waitGroups } from '../../../server/domain/wait-alerts.js';

const T = DEFAULT_ALERT_THRESHOLDS;
const NOW = new Date('2026-11-23T02:00:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function watch(over: Partial<HallWatch> = {}): HallWatch {
  return {
    now: NOW,
    today: '2026-11-23',
    services: [
      { id: 'tax', name: '税务登记', normMinutes: 8, prefix: 'A' },
      { id: 'lic', name: '营业执照', normMinutes: 12, prefix: 'C' },
    ],
    waiting: [],
    serving: [],
    devices: [],
    followUps: [],
    windows: [
      { id: 'w1', number: 1, status: 'open', serviceIds: ['tax'], statusSince: ago(60), hasCurrentTicket: true, idleSince: null },
      { id: 'w2', number: 2, status: 'closed', serviceIds: ['lic'], statusSince: ago(60), hasCurrentTicket: false, idleSince: null },
    ],
    ...over,
  };
}
const waiting = (n: number, serviceId: string, minutes: number) =>
  Array.from({ length: n }, (_, i) => ({ ticketId: `${serviceId}${i}`, number: `X${i}`, serviceId, issuedAt: ago(minutes) }));
const kinds = (w: HallWatch, t = T) => hallAlerts(w, t).map((a) => `${a.kind}:${a.level}`);

describe('waiting marks 10 / 20 / 40', () => {
  it('each mark is reached at exactly its minute', () => {
    const m = [10, 20, 40] as const;
    expect(waitLevel(9.99, m)).toBe(0);
    expect(waitLevel(10, m)).toBe(1);
    expect(waitLevel(19.99, m)).toBe(1);
    expect(waitLevel(20, m)).toBe(2);
    expect(waitLevel(39.99, m)).toBe(2);
    expect(waitLevel(40, m)).toBe(3);
    expect(waitLevel(600, m)).toBe(3);
  });

  it('one alert per queue at the mark its longest wait reached, however many tickets are past it', () => {
    const w = watch({
      waiting: [
        ...waiting(1, 'tax', 9.9),
        ...waiting(3, 'tax', 12),
        ...Array.from({ length: 7 }, (_, i) => ({ ticketId: `late${i}`, number: `A1${i}`, serviceId: 'tax', issuedAt: ago(21 + i) })),
        { ticketId: 'oldest', number: 'A099', serviceId: 'tax', issuedAt: ago(38) },
        ...waiting(2, 'lic', 10),
      ],
    });
    const alerts = hallAlerts(w, T);
    expect(alerts.map((a) => a.key)).toEqual(['wait:tax:2', 'wait:lic:1']);
    expect(alerts[0]!.message).toBe('A 税务登记：8 人等候超过 20 分钟，最长 38 分');
    expect(alerts[0]!.data).toMatchObject({ count: 8, mark: 20, longestMinutes: 38, waitingPastFirstMark: 11 });
    expect(alerts[1]!.message).toBe('C 营业执照：2 人等候超过 10 分钟，最长 10 分');
  });

  it("from the store's counts per queue (the alert check), the same alerts as from the listed tickets", () => {
    const listed = [
      ...waiting(1, 'tax', 9.9),
      ...waiting(3, 'tax', 12),
      ...Array.from({ length: 7 }, (_, i) => ({ ticketId: `late${i}`, number: `A1${i}`, serviceId: 'tax', issuedAt: ago(21 + i) })),
      { ticketId: 'oldest', number: 'A099', serviceId: 'tax', issuedAt: ago(38) },
      ...waiting(2, 'lic', 10),
    ];
    const summary = new Map([
      ['tax', { oldestIssuedAt: ago(38), pastMarks: [11, 8, 0] as const }],
      ['lic', { oldestIssuedAt: ago(10), pastMarks: [2, 0, 0] as const }],
    ]);
    const fromCounts = hallAlerts(watch({ waiting: [], waitSummary: summary }), T);
    expect(fromCounts).toEqual(hallAlerts(watch({ waiting: listed }), T));
    expect(fromCounts.map((a) => a.key)).toEqual(['wait:tax:2', 'wait:lic:1']);
  });

  it('a queue with nobody past the first mark raises no wait alert from its counts', () => {
    const summary = new Map([['tax', { oldestIssuedAt: ago(9), pastMarks: [0, 0, 0] as const }]]);
    expect(kinds(watch({ waitSummary: summary }))).not.toContain('wait:1');
  });

  it('the per-ticket detail lists every ticket past the first mark, longest first', () => {
    const groups = waitGroups(
      watch({
        waiting: [
          ...waiting(1, 'tax', 9.9),
          { ticketId: 'b', number: 'A002', serviceId: 'tax', issuedAt: ago(41) },
          { ticketId: 'a', number: 'A001', serviceId: 'tax', issuedAt: ago(15) },
        ],
      }),
      T,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ level: 3, mark: 40, count: 1, longestMinutes: 41 });
    expect(groups[0]!.tickets.map((x) => [x.number, x.minutes])).toEqual([
      ['A002', 41],
      ['A001', 15],
    ]);
  });
});

describe('queue and window rules', () => {
  it('a queue longer than N with fewer than M windows open', () => {
    expect(kinds(watch({ waiting: waiting(15, 'tax', 1) }))).toEqual([]);
    expect(kinds(watch({ waiting: waiting(16, 'tax', 1) }))).toEqual(['queue:2']);
    const two = watch({ waiting: waiting(16, 'tax', 1) });
    two.windows.push({ id: 'w3', number: 3, status: 'open', serviceIds: ['tax'], statusSince: ago(5), hasCurrentTicket: true, idleSince: null });
    expect(kinds(two)).toEqual([]);
  });

  it('paused or idle too long only while its services have people waiting', () => {
    const paused = (minutes: number, queue = 1) =>
      watch({
        waiting: waiting(queue, 'lic', 1),
        windows: [{ id: 'w2', number: 2, status: 'paused', serviceIds: ['lic'], statusSince: ago(minutes), hasCurrentTicket: false, idleSince: null }],
      });
    expect(kinds(paused(14.9))).toEqual([]);
    expect(kinds(paused(15))).toEqual(['window-paused:2']);
    expect(kinds(paused(60, 0))).toEqual([]);
    const idle = (minutes: number) =>
      watch({
        waiting: waiting(1, 'tax', 1),
        windows: [{ id: 'w1', number: 1, status: 'open', serviceIds: ['tax'], statusSince: ago(90), hasCurrentTicket: false, idleSince: ago(minutes) }],
      });
    expect(kinds(idle(4.9))).toEqual([]);
    expect(kinds(idle(5))).toEqual(['window-idle:1']);
  });

  it('service time at twice the norm', () => {
    const serving = (minutes: number) => watch({ serving: [{ ticketId: 't', number: 'C001', serviceId: 'lic', windowId: 'w1', startedAt: ago(minutes) }] });
    expect(kinds(serving(23.9))).toEqual([]);
    expect(kinds(serving(24))).toEqual(['service-time:1']);
  });

  it('offline devices and overdue follow-ups', () => {
    const w = watch({
      devices: [
        { id: 'led-1', kind: 'led', status: 'offline', updatedAt: ago(1) },
        { id: 'prn', kind: 'printer', status: 'degraded', updatedAt: ago(1) },
      ],
      followUps: [
        { ticketId: 'a', number: 'A1', callbackDue: '2026-11-22', callbackDone: false, rectifyDue: '2026-12-10', rectifyDone: false },
        { ticketId: 'b', number: 'A2', callbackDue: '2026-11-23', callbackDone: false, rectifyDue: '2026-11-20', rectifyDone: true },
        { ticketId: 'c', number: 'A3', callbackDue: '2026-11-01', callbackDone: true, rectifyDue: '2026-11-22', rectifyDone: false },
      ],
    });
    expect(hallAlerts(w, T).map((a) => a.key)).toEqual(['device-offline:led-1', 'followup-overdue:a:callback', 'followup-overdue:c:rectify']);
  });
});

describe('auto-balance suggestions', () => {
  const idleWindow = (id: string, number: number, serviceIds: string[]) => ({
    id,
    number,
    status: 'open' as const,
    serviceIds,
    statusSince: ago(30),
    hasCurrentTicket: false,
    idleSince: ago(10),
  });

  it('pairs the longest queue with an idle window that does not serve it yet', () => {
    const w = watch({ waiting: [...waiting(12, 'lic', 3), ...waiting(9, 'tax', 3)], windows: [idleWindow('w5', 5, ['other'])] });
    expect(balanceSuggestions(w, T)).toEqual([{ serviceId: 'lic', serviceName: '营业执照', windowId: 'w5', windowNumber: 5, waiting: 12 }]);
  });

  it('suggests a busy window or one with a short queue of its own too: 18 waiting at one window, light queues elsewhere', () => {
    const w = watch({
      waiting: [...waiting(18, 'tax', 3), ...waiting(2, 'lic', 1)],
      windows: [
        { id: 'w1', number: 1, status: 'open', serviceIds: ['tax'], statusSince: ago(60), hasCurrentTicket: true, idleSince: null },
        { id: 'w2', number: 2, status: 'open', serviceIds: ['lic'], statusSince: ago(60), hasCurrentTicket: true, idleSince: null },
      ],
    });
    expect(balanceSuggestions(w, T)).toEqual([{ serviceId: 'tax', serviceName: '税务登记', windowId: 'w2', windowNumber: 2, waiting: 18 }]);
  });

  it('no suggestion for a short queue, a window not open, or one whose own queue is about as long', () => {
    expect(balanceSuggestions(watch({ waiting: waiting(7, 'lic', 3), windows: [idleWindow('w5', 5, ['x'])] }), T)).toEqual([]);
    expect(balanceSuggestions(watch({ waiting: waiting(9, 'lic', 3), windows: [{ ...idleWindow('w5', 5, ['x']), status: 'paused' }] }), T)).toEqual([]);
    expect(balanceSuggestions(watch({ waiting: [...waiting(9, 'lic', 3), ...waiting(5, 'tax', 1)], windows: [idleWindow('w5', 5, ['tax'])] }), T)).toEqual([]);
  });

  it('an idle window is preferred to a busy one', () => {
    const busy = { ...idleWindow('w4', 4, ['x']), hasCurrentTicket: true };
    expect(balanceSuggestions(watch({ waiting: waiting(9, 'lic', 3), windows: [busy, idleWindow('w6', 6, ['x'])] }), T)[0]).toMatchObject({ windowId: 'w6' });
  });
});
