import type { BoardCall, BoardState } from '../shared/board-state.js';
import { t } from '../shared/i18n.js';
import type { BoardHallFacts } from '../shared/use-hall-facts.js';

/** The zones whose calls this zone's board carries too (hall config `announceFrom`). */
export function announcedZones(facts: BoardHallFacts, zoneId: string | null): string[] {
  return facts.zones.find((z) => z.id === zoneId)?.announceFrom ?? [];
}

/** Calls made at windows of the given zones, newest first, each with its zone's name. */
export function callsFromZones(state: BoardState, facts: BoardHallFacts, zoneIds: readonly string[]): (BoardCall & { zoneName: string })[] {
  if (zoneIds.length === 0) return [];
  const zoneOf = new Map(state.windows.map((w) => [w.id, w.zoneId]));
  return state.recentCalls.flatMap((c) => {
    const zone = zoneOf.get(c.windowId);
    if (!zone || !zoneIds.includes(zone)) return [];
    return [{ ...c, zoneName: facts.zones.find((z) => z.id === zone)?.name ?? '' }];
  });
}

/** 其他楼层叫号: smaller than the zone's own calls, so a visitor waiting here misses no call upstairs. */
export function OtherZoneCalls(p: { calls: (BoardCall & { zoneName: string })[] }) {
  if (p.calls.length === 0) return null;
  return (
    <div class="hb-other-zones" data-other-zone-calls>
      <h2>{t('otherZoneCalls')}</h2>
      <ol>
        {p.calls.slice(0, 4).map((c) => (
          <li key={`${c.number}-${c.windowId}`} data-call-number={c.number} data-window-number={String(c.windowNumber)} class={c.ended ? 'ended' : ''}>
            <span class="oz-zone">{c.zoneName}</span>
            <span class="rc-number">{c.number}</span>
            <span class="rc-arrow">→</span>
            <span>
              {c.windowNumber}
              {t('windowSuffix')}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
