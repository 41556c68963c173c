import type { AppContext } from '../app/context.js';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from '../domain/alerts.js';
import { DomainError } from '../domain/errors.js';
import { DEFAULT_SCORE_WEIGHTS, validateWeights, type ScoreWeights } from '../domain/performance-score.js';
import type { RecordsPort } from './ports.js';

export interface AlertSettings extends AlertThresholds {
  /** where raised alerts are POSTed; null = the log only */
  webhookUrl: string | null;
}

const WEIGHTS = 'score-weights';
const ALERTS = 'alert-settings';

/** Per-hall supervision settings: score weights and alert thresholds, with defaults. */
export class SupervisionSettings {
  constructor(
    private readonly ctx: AppContext,
    private readonly records: RecordsPort,
  ) {}

  async weights(hallId: string): Promise<ScoreWeights> {
    return { ...DEFAULT_SCORE_WEIGHTS, ...(((await this.records.setting(hallId, WEIGHTS)) as Partial<ScoreWeights> | undefined) ?? {}) };
  }

  async saveWeights(hallId: string, raw: Record<string, unknown>): Promise<ScoreWeights> {
    const problem = validateWeights(raw);
    if (problem) throw new DomainError('VALIDATION', problem);
    await this.records.saveSetting(hallId, WEIGHTS, raw);
    return raw as unknown as ScoreWeights;
  }

  async alerts(hallId: string): Promise<AlertSettings> {
    const policyMarks = (await this.ctx.store.halls.hall(hallId))?.policy.waitAlertMinutes ?? DEFAULT_ALERT_THRESHOLDS.waitMinutes;
    return {
      ...DEFAULT_ALERT_THRESHOLDS,
      waitMinutes: policyMarks,
      webhookUrl: null,
      ...(((await this.records.setting(hallId, ALERTS)) as Partial<AlertSettings> | undefined) ?? {}),
    };
  }

  async saveAlerts(hallId: string, raw: Partial<AlertSettings>): Promise<AlertSettings> {
    const merged = { ...(await this.alerts(hallId)), ...raw };
    const m = merged.waitMinutes;
    if (!Array.isArray(m) || m.length !== 3 || !m.every((v) => typeof v === 'number' && v > 0) || !(m[0] < m[1] && m[1] < m[2])) {
      throw new DomainError('VALIDATION', 'waitMinutes must be three increasing positive numbers of minutes');
    }
    for (const k of ['queueLength', 'minOpenWindows', 'pausedMinutes', 'idleMinutes', 'serviceTimeFactor', 'balanceQueueLength'] as const) {
      if (typeof merged[k] !== 'number' || !(merged[k] > 0)) throw new DomainError('VALIDATION', `${k} must be a positive number`);
    }
    if (merged.webhookUrl !== null && !/^https?:\/\/\S+$/.test(merged.webhookUrl))
      throw new DomainError('VALIDATION', 'webhookUrl must be an http(s) URL or null');
    const { waitMinutes, queueLength, minOpenWindows, pausedMinutes, idleMinutes, serviceTimeFactor, balanceQueueLength, webhookUrl } = merged;
    const clean = { waitMinutes, queueLength, minOpenWindows, pausedMinutes, idleMinutes, serviceTimeFactor, balanceQueueLength, webhookUrl };
    await this.records.saveSetting(hallId, ALERTS, clean);
    return clean;
  }
}
