import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { SqliteCalendarRepository } from '../../db/repositories/appointment-calendar-repository.js';
import { SqliteAppointmentRepository } from '../../db/repositories/appointment-repository.js';
import { SqliteOutboxRepository } from '../../db/repositories/outbox-repository.js';
import { SqliteSettingsRepository } from '../../db/repositories/settings-repository.js';
import type { AppContext } from '../app/context.js';
import { hashKey } from '../data-dir.js';
import { DomainError } from '../domain/errors.js';
import type { DoorMac } from '../domain/door-code.js';
import type { Hall, Service } from '../domain/model.js';
import { DEFAULT_RULES, type AppointmentRules } from './model.js';

/** What the appointment use-cases work on, built once per server. */
export interface AppointmentDeps {
  ctx: AppContext;
  appointments: SqliteAppointmentRepository;
  calendar: SqliteCalendarRepository;
  outbox: SqliteOutboxRepository;
  /** keyed hash of a phone or ID number: matches bars without keeping the number */
  personalHash(kind: 'phone' | 'id' | 'code', value: string): string;
  /** keyed MAC with the same installation key: the hall's rotating door code (domain/door-code) */
  doorMac: DoorMac;
  /** the address phones open (HALLQ_PUBLIC_URL), or null: the board's own address */
  publicUrl: string | null;
}

const HASH_KEY_SETTING = 'appointments.hashKey';

export function buildAppointmentDeps(ctx: AppContext, db: Db, publicUrl: string | null = null): AppointmentDeps {
  // a per-installation key: an 18-digit ID number has too few possibilities for a plain hash
  const secret = ctx.dataDir ? keyOutsideDatabase(ctx, db, ctx.dataDir) : keyInDatabase(db);
  return {
    ctx,
    appointments: new SqliteAppointmentRepository(db),
    calendar: new SqliteCalendarRepository(db),
    outbox: new SqliteOutboxRepository(db),
    personalHash: (kind, value) => createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url'),
    doorMac: (message) => createHmac('sha256', secret).update(message).digest(),
    publicUrl,
  };
}

function keyInDatabase(db: Db): Buffer {
  const settings = new SqliteSettingsRepository(db);
  let key = settings.get<string | null>(HASH_KEY_SETTING, null);
  if (!key) {
    key = randomBytes(32).toString('base64');
    settings.put(HASH_KEY_SETTING, key);
  }
  return Buffer.from(key, 'base64');
}

function keyOutsideDatabase(ctx: AppContext, db: Db, dataDir: string): Buffer {
  const settings = new SqliteSettingsRepository(db);
  const { key, movedFromDatabase } = hashKey(dataDir, settings.get<string | null>(HASH_KEY_SETTING, null));
  if (settings.get<string | null>(HASH_KEY_SETTING, null) !== null) {
    settings.remove(HASH_KEY_SETTING);
    if (movedFromDatabase) ctx.log.info('the hash key moved from the database to the key file in the data directory');
  }
  return key;
}

export function rulesOf(deps: AppointmentDeps, hallId: string): AppointmentRules {
  return { ...DEFAULT_RULES, ...deps.appointments.rules(hallId) };
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
