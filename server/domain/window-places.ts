/** Where a visitor goes: window numbers, with the floor/zone named when it is not the visitor's own. */
export interface WindowPlace {
  number: number;
  zoneId: string;
}
export interface ZoneName {
  id: string;
  name: string;
}

/**
 * "1、2号窗口" in the visitor's own zone; "二楼 9、10号窗口" for another zone; own zone first.
 * hereZoneId null (a kiosk with no zone set): zones are named only when the windows span several.
 */
export function windowPlacesText(places: readonly WindowPlace[], zones: readonly ZoneName[], hereZoneId: string | null, suffix = '号窗口'): string {
  const byZone = new Map<string, number[]>();
  for (const p of [...places].sort((a, b) => a.number - b.number)) byZone.set(p.zoneId, [...(byZone.get(p.zoneId) ?? []), p.number]);
  const several = byZone.size > 1;
  const parts = [...byZone.entries()]
    .sort(([a], [b]) => Number(b === hereZoneId) - Number(a === hereZoneId))
    .map(([zoneId, numbers]) => {
      const named = zoneId !== hereZoneId && (hereZoneId !== null || several);
      const zone = zones.find((z) => z.id === zoneId)?.name;
      return `${named && zone ? `${zone} ` : ''}${numbers.join('、')}${suffix}`;
    });
  return parts.join('，');
}

/** The zone to name for one window: its zone's name when it is not the visitor's zone. */
export function otherZoneName(windowZoneId: string, zones: readonly ZoneName[], hereZoneId: string | null): string | undefined {
  if (!hereZoneId || windowZoneId === hereZoneId) return undefined;
  return zones.find((z) => z.id === windowZoneId)?.name;
}
