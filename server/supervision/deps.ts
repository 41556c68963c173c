import type { AppContext } from '../app/context.js';
import type { ReportAggregator } from './aggregator.js';
import type { AlertEngine } from './alert-engine.js';
import type { HardwareWhere } from './device-labels.js';
import type { FollowUps } from './follow-ups.js';
import type { AggregatesPort, RecordsPort, ReportsPort, SupervisionRepositories } from './ports.js';
import type { SupervisionSettings } from './settings.js';

/** Everything the supervision routes use, built once by the feature. */
export interface SupervisionDeps {
  ctx: AppContext;
  repos: SupervisionRepositories;
  aggregates: AggregatesPort;
  reports: ReportsPort;
  records: RecordsPort;
  settings: SupervisionSettings;
  aggregator: ReportAggregator;
  alerts: AlertEngine;
  followUps: FollowUps;
  /** the hardware section of the config (device names on the monitor) */
  hardware: () => Promise<HardwareWhere[]>;
}
