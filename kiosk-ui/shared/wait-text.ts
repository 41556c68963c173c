import type { WaitRangeDto } from '../../server/contract/dto.js';
import type { T } from './strings.js';

/** The wait in words: no window now, no wait, or a range — never a false single number. */
export function waitText(t: T, wait: WaitRangeDto | undefined, fallbackMinutes: number): string {
  if (!wait) return fallbackMinutes > 0 ? t('estimate', { m: fallbackMinutes }) : t('noWait');
  if (wait.kind === 'no-window') return t('noWindow');
  if (wait.high === 0) return t('noWait');
  return t('estimateRange', { low: wait.low, high: wait.high });
}

/** People ahead as the serving windows will call them (their other services too). */
export function aheadOf(wait: WaitRangeDto | undefined, sameService: number): number {
  return wait?.kind === 'range' ? Math.max(wait.ahead, sameService) : sameService;
}
