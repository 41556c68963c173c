/**
 * 一次性告知 in short, for the paper ticket: the items joined on one line, cut at `max`
 * characters with "…" (the phone page, one scan away, has the whole list).
 */
export function materialsShort(materials: string, max = 60): string {
  const items = materials
    .split(/[\n\r;；]+/)
    .map((s) => s.replace(/^\s*(\d+[.、)）]|[-•·])\s*/, '').trim())
    .filter(Boolean);
  const line = items.join('、');
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
