import type { AppContext } from '../app/context.js';
import type { SupervisionAggregateRepository } from '../../db/repositories/supervision-aggregates.js';
import type { SupervisionRecordRepository } from '../../db/repositories/supervision-records.js';
import type { SupervisionReportRepository } from '../../db/repositories/supervision-reports.js';
import type { ReportAggregator } from './aggregator.js';
import type { AlertEngine } from './alert-engine.js';
import type { HardwareWhere } from './device-labels.js';
import type { FollowUps } from './follow-ups.js';
import type { SupervisionSettings } from './settings.js';

/** Everything the supervision routes use, built once by the feature. */
export interface SupervisionDeps {
  ctx: AppContext;
  aggregates: SupervisionAggregateRepository;
  reports: SupervisionReportRepository;
  records: SupervisionRecordRepository;
  settings: SupervisionSettings;
  aggregator: ReportAggregator;
  alerts: AlertEngine;
  followUps: FollowUps;
  /** the hardware section of the config (device names on the monitor) */
  hardware: () => HardwareWhere[];
}
