import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app/context.js';
import type { FeatureStores } from './app/feature-stores.js';
import type { RoutePlugin } from './http/app.js';
import type { RealtimeGateway } from './realtime/gateway.js';
import { printingFeature } from './printing/printing-feature.js';
import { visitorFeature } from './visitor/visitor-feature.js';
import { createVoiceFeature } from './voice/voice-feature.js';
import { adminFeature } from './admin/admin-feature.js';
import { deviceHostFeature } from '../drivers/host/feature.js';
import { appointmentsFeature } from './appointments/feature.js';
import { createSupervisionFeature } from './supervision/feature.js';
import { createMaintenanceFeature } from './maintenance/maintenance-feature.js';
import { metricsFeature } from './metrics/metrics-feature.js';
import { createHaochaFeature } from './haocha/feature.js';

export interface FeatureRuntime {
  app: FastifyInstance;
  gateway: RealtimeGateway;
  /** the directory holding the database file */
  dataDir: string;
}

/** One feature wired into a running server. */
export interface FeatureInstance {
  routes?: RoutePlugin;
  /** runs after the server listens (device host, scheduled jobs) */
  start?(runtime: FeatureRuntime): Promise<void> | void;
  /** runs on shutdown, before the database closes */
  close?(): Promise<void> | void;
}

/**
 * A capability built on the core (devices, appointments, supervision, administration). `setup`
 * builds its use-cases on the app context and the storage ports the composition root built for
 * the database in use (SQLite or PostgreSQL: app/feature-stores.ts); the server then registers
 * its routes and starts it.
 */
export interface Feature {
  name: string;
  setup(ctx: AppContext, stores: FeatureStores): FeatureInstance | Promise<FeatureInstance>;
}

/** The features of a full server, in start order. Add yours here. */
export const FEATURES: Feature[] = [
  printingFeature(),
  visitorFeature,
  createVoiceFeature(),
  adminFeature,
  deviceHostFeature(),
  appointmentsFeature,
  createSupervisionFeature(),
  createMaintenanceFeature(),
  metricsFeature,
  createHaochaFeature(),
];
