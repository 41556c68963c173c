import type { TargetCheck } from './targets.js';

type Cell = string | number;

const width = (s: string): number => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));

/** A plain-text table on stdout: the bench's human output (the JSON file is the machine one). */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly Cell[])[]): void {
  const text = rows.map((r) => r.map(String));
  const widths = header.map((h, i) => Math.max(width(h), ...text.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => pad(c, widths[i]!)).join('  ')}`;
  process.stdout.write(`\n${title}\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of text) process.stdout.write(`${line(r)}\n`);
}

export function printTargets(checks: readonly TargetCheck[]): void {
  printTable(
    '  targets',
    ['target', 'measured', 'met'],
    checks.map((c) => [c.target, c.measured, c.met ? 'yes' : 'NO']),
  );
}

/** Progress lines go to stderr so stdout stays the tables. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
