import { createHmac, randomBytes } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import type { AsyncPort, CalendarPort, FeatureStores, SettingsPort } from '../app/feature-stores.js';
import { hashKey } from '../data-dir.js';
import { DomainError } from '../domain/errors.js';
import type { DoorMac } from '../domain/door-code.js';
import type { Hall, Service } from '../domain/model.js';
import { DEFAULT_RULES, type AppointmentRules } from './model.js';
import type { AppointmentRepository, OutboxRepository, PhoneCodeRepository } from './ports.js';

/** What the appointment use-cases work on, built once per server. */
export interface AppointmentDeps {
  ctx: AppContext;
  appointments: AsyncPort<AppointmentRepository>;
  calendar: CalendarPort;
  outbox: AsyncPort<OutboxRepository>;
  phoneCodes: AsyncPort<PhoneCodeRepository>;
  /** keyed hash of a phone or ID number: matches bars without keeping the number */
  personalHash(kind: 'phone' | 'id' | 'code', value: string): string;
  /** keyed MAC with the same installation key: the hall's rotating door code (domain/door-code) */
  doorMac: DoorMac;
  /** the address phones open (HALLQ_PUBLIC_URL), or null: the board's own address */
  publicUrl: string | null;
}

const HASH_KEY_SETTING = 'appointments.hashKey';

export async function buildAppointmentDeps(ctx: AppContext, stores: FeatureStores, publicUrl: string | null = null): Promise<AppointmentDeps> {
  // a per-installation key: an 18-digit ID number has too few possibilities for a plain hash. On
  // PostgreSQL every node must hash alike: HALLQ_HMAC_KEY (the same on each), else the database's.
  const fromEnv = process.env.HALLQ_HMAC_KEY;
  let secret: Buffer;
  if (stores.backend === 'postgres') secret = fromEnv ? Buffer.from(fromEnv, 'base64') : await keyInDatabase(stores.settings);
  else secret = ctx.dataDir ? await keyOutsideDatabase(ctx, stores.settings, ctx.dataDir) : await keyInDatabase(stores.settings);
  return {
    ctx,
    appointments: stores.appointments,
    calendar: stores.calendar,
    outbox: stores.outbox,
    phoneCodes: stores.phoneCodes,
    personalHash: (kind, value) => createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url'),
    doorMac: (message) => createHmac('sha256', secret).update(message).digest(),
    publicUrl,
  };
}

async function keyInDatabase(settings: SettingsPort): Promise<Buffer> {
  let key = await settings.get<string | null>(HASH_KEY_SETTING, null);
  if (!key) {
    key = randomBytes(32).toString('base64');
    await settings.put(HASH_KEY_SETTING, key);
  }
  return Buffer.from(key, 'base64');
}

async function keyOutsideDatabase(ctx: AppContext, settings: SettingsPort, dataDir: string): Promise<Buffer> {
  const inDatabase = await settings.get<string | null>(HASH_KEY_SETTING, null);
  const { key, movedFromDatabase } = hashKey(dataDir, inDatabase);
  if (inDatabase !== null) {
    await settings.remove(HASH_KEY_SETTING);
    if (movedFromDatabase) ctx.log.info('the hash key moved from the database to the key file in the data directory');
  }
  return key;
}

export async function rulesOf(deps: AppointmentDeps, hallId: string): Promise<AppointmentRules> {
  return { ...DEFAULT_RULES, ...(await deps.appointments.rules(hallId)) };
}

export function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION', `${field} ${message}`);
}

export async function hallOf(deps: AppointmentDeps, hallId: string): Promise<Hall> {
  const hall = await deps.ctx.store.halls.hall(hallId);
  if (!hall) throw new DomainError('NOT_FOUND', `hall ${hallId} does not exist`);
  return hall;
}

export async function serviceOf(deps: AppointmentDeps, serviceId: string): Promise<Service> {
  const service = await deps.ctx.store.halls.service(serviceId);
  if (!service) throw new DomainError('NOT_FOUND', `service ${serviceId} does not exist`);
  return service;
}

export const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
