import { Value } from '@sinclair/typebox/value';
import { readFileSync } from 'node:fs';
import { protocolProblems } from '../../drivers/protocols/catalog.js';
import { isValidTimeZone } from '../domain/local-time.js';
import { sameHallProblem, sessionsProblem } from './hall-rules.js';
import { HallConfigSchema, type HallConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** "/services/0/prefix" → "services[0].prefix" */
const fieldName = (path: string) =>
  path
    .replace(/^\//, '')
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/^(\d+)/, '[$1]')
    .replace(/\//g, '.');

export function parseConfig(raw: unknown): HallConfig {
  const first = Value.Errors(HallConfigSchema, raw).First();
  if (first) throw new ConfigError(`config field ${fieldName(first.path) || '(root)'}: ${first.message}`);
  const config = raw as HallConfig;
  checkReferences(config);
  return config;
}

export function loadConfigFile(file: string): HallConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file ${file}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw);
}

function unique(items: { id: string }[], what: string): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw new ConfigError(`config field ${what}[${i}].id: duplicate id "${item.id}"`);
    seen.add(item.id);
  });
  return seen;
}

function checkReferences(c: HallConfig): void {
  const halls = unique(c.halls, 'halls');
  const zones = new Map<string, string>();
  c.halls.forEach((h, i) => {
    if (!isValidTimeZone(h.timezone)) throw new ConfigError(`config field halls[${i}].timezone: unknown time zone "${h.timezone}"`);
    const sessions = sessionsProblem(h.hours);
    if (sessions) throw new ConfigError(`config field halls[${i}].${sessions[0]}: ${sessions[1]}`);
    h.zones.forEach((z) => zones.set(z.id, h.id));
  });
  const departments = unique(c.departments, 'departments');
  const services = unique(c.services, 'services');
  const ref = (ok: boolean, field: string, value: string) => {
    if (!ok) throw new ConfigError(`config field ${field}: unknown id "${value}"`);
  };
  const prefixes = new Set<string>();
  c.services.forEach((s, i) => {
    ref(departments.has(s.departmentId), `services[${i}].departmentId`, s.departmentId);
    ref(halls.has(s.hallId), `services[${i}].hallId`, s.hallId);
    const key = `${s.hallId}/${s.prefix}`;
    if (prefixes.has(key)) throw new ConfigError(`config field services[${i}].prefix: "${s.prefix}" is already used in hall ${s.hallId}`);
    prefixes.add(key);
  });
  const windows = unique(c.windows, 'windows');
  const serviceHall = new Map(c.services.map((s) => [s.id, s.hallId]));
  const windowHall = new Map(c.windows.map((w) => [w.id, w.hallId]));
  const crossHall = (problem: string | null, field: string) => {
    if (problem) throw new ConfigError(`config field ${field}: ${problem}`);
  };
  const numbers = new Set<string>();
  c.windows.forEach((w, i) => {
    ref(halls.has(w.hallId), `windows[${i}].hallId`, w.hallId);
    if (zones.get(w.zoneId) !== w.hallId) throw new ConfigError(`config field windows[${i}].zoneId: "${w.zoneId}" is not a zone of hall ${w.hallId}`);
    w.serviceIds.forEach((s, j) => {
      ref(services.has(s), `windows[${i}].serviceIds[${j}]`, s);
      crossHall(sameHallProblem(w.hallId, serviceHall.get(s), 'service', s), `windows[${i}].serviceIds[${j}]`);
    });
    const key = `${w.hallId}/${w.number}`;
    if (numbers.has(key)) throw new ConfigError(`config field windows[${i}].number: window number ${w.number} is already used in hall ${w.hallId}`);
    numbers.add(key);
  });
  unique(c.staff, 'staff');
  const usernames = new Set<string>();
  c.staff.forEach((s, i) => {
    if (usernames.has(s.username)) throw new ConfigError(`config field staff[${i}].username: duplicate username "${s.username}"`);
    usernames.add(s.username);
    if (s.hallId) ref(halls.has(s.hallId), `staff[${i}].hallId`, s.hallId);
    const home = s.hallId ?? windowHall.get(s.windowIds?.[0] ?? s.substituteWindowIds?.[0] ?? '');
    (s.windowIds ?? []).forEach((w, j) => {
      ref(windows.has(w), `staff[${i}].windowIds[${j}]`, w);
      crossHall(sameHallProblem(home, windowHall.get(w), 'window', w), `staff[${i}].windowIds[${j}]`);
    });
    (s.substituteWindowIds ?? []).forEach((w, j) => {
      ref(windows.has(w), `staff[${i}].substituteWindowIds[${j}]`, w);
      crossHall(sameHallProblem(home, windowHall.get(w), 'window', w), `staff[${i}].substituteWindowIds[${j}]`);
    });
    if (s.role !== 'admin' && !s.hallId && !s.windowIds?.length) {
      throw new ConfigError(`config field staff[${i}].hallId: required for a ${s.role} without windows`);
    }
  });
  unique(c.devices ?? [], 'devices');
  (c.devices ?? []).forEach((d, i) => {
    ref(halls.has(d.hallId), `devices[${i}].hallId`, d.hallId);
    if (d.windowId) {
      ref(windows.has(d.windowId), `devices[${i}].windowId`, d.windowId);
      crossHall(sameHallProblem(d.hallId, windowHall.get(d.windowId), 'window', d.windowId), `devices[${i}].windowId`);
    }
    if (d.zoneId) {
      ref(zones.has(d.zoneId), `devices[${i}].zoneId`, d.zoneId);
      crossHall(sameHallProblem(d.hallId, zones.get(d.zoneId), 'zone', d.zoneId), `devices[${i}].zoneId`);
    }
    if (d.kind === 'evaluator' && !d.windowId) throw new ConfigError(`config field devices[${i}].windowId: an evaluator belongs to a window`);
  });
  const [protocol] = protocolProblems(c.buses ?? [], c.hardware ?? []);
  if (protocol) throw new ConfigError(`config field ${protocol.field}: ${protocol.message}`);
}
