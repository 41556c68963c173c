import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../contract/principal.js';
import { assertInHall, forbidden } from '../app/actor.js';
import { idNumberRequired } from '../domain/booking-identity.js';
import { DomainError } from '../domain/errors.js';
import { ID_PROBLEM_TEXT, idLast4, idNumberProblem, normalizeIdNumber } from '../domain/id-number.js';
import { localTime } from '../domain/local-time.js';
import { normalizePhone, phoneKind } from '../domain/phone.js';
import { findSlot } from '../domain/slots.js';
import { hallOf, invalid, rulesOf, serviceOf, type AppointmentDeps } from './deps.js';
import type { Appointment, AppointmentChannel, AppointmentLang, AppointmentRules } from './model.js';
import { enqueueBookingMessages } from './notifications.js';
import { assertPersonLimits } from './booking-limits.js';
import type { PhoneConfirmation } from './phone-codes.js';
import { offeredSlots } from './slots-view.js';

export interface BookCommand {
  serviceId: string;
  start: string;
  name: string;
  phone: string;
  idNumber?: string;
  channel: AppointmentChannel;
  /** the SMS code sent to `phone` (online bookings, when the hall confirms phones) */
  phoneCode?: string;
  /** the language of the booking's messages; zh-CN when not given */
  lang?: AppointmentLang;
}

// no 0/O, 1/I: a code is read aloud over the phone and typed at a kiosk
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newAppointmentCode(): string {
  return [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

interface Person {
  name: string;
  phone: string;
  idNumber: string | null;
}

function validPerson(cmd: BookCommand, today: string): Person {
  const name = cmd.name.trim();
  if (name.length < 1 || name.length > 40) throw invalid('name', 'must be 1 to 40 characters');
  const phone = normalizePhone(cmd.phone);
  const kind = phoneKind(phone);
  if (!kind) throw invalid('phone', 'is not a valid mobile (1xxxxxxxxxx) or landline number with area code (0xx-xxxxxxxx)');
  // the visitor types it and gets the booking's messages by SMS; staff may take a landline by phone or at the counter
  if (cmd.channel === 'online' && kind !== 'mobile') throw invalid('phone', 'must be a mobile number (1xxxxxxxxxx) for an online booking');
  if (cmd.idNumber === undefined || cmd.idNumber.trim() === '') return { name, phone, idNumber: null };
  const idNumber = normalizeIdNumber(cmd.idNumber);
  const problem = idNumberProblem(idNumber, today);
  if (problem) throw invalid('idNumber', ID_PROBLEM_TEXT[problem]);
  return { name, phone, idNumber };
}

function assertChannel(actor: Principal | null, channel: AppointmentChannel, hallId: string): void {
  if (channel === 'online') return;
  if (!actor || actor.type !== 'user') throw forbidden(`a ${channel} booking is made by staff, logged in`);
  assertInHall(actor, hallId);
}

/** Staff taking a booking by phone or at the counter ask for the ID themselves; online the rule decides. */
async function assertIdNotRequired(deps: AppointmentDeps, rules: AppointmentRules, hallId: string, phoneHash: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - rules.noShowPeriodDays * 86_400_000).toISOString();
  if (idNumberRequired(rules.idRequired, await deps.appointments.phoneHistory(hallId, phoneHash, since))) {
    throw new DomainError('ID_REQUIRED', 'idNumber is required for this phone number: a first booking at this hall, or one after a missed booking');
  }
}

/**
 * Books a slot: the last place goes to exactly one of two concurrent bookings (one transaction).
 * Online, the phone is confirmed by its SMS code first (when the hall asks for it) and the
 * person's limits are checked; staff bookings count as confirmed.
 */
export async function book(deps: AppointmentDeps, actor: Principal | null, cmd: BookCommand, phones?: PhoneConfirmation): Promise<Appointment> {
  const service = await serviceOf(deps, cmd.serviceId);
  const hall = await hallOf(deps, service.hallId);
  assertChannel(actor, cmd.channel, hall.id);
  const now = deps.ctx.clock.now();
  const person = validPerson(cmd, localTime(now, hall.timezone).date);
  if (Number.isNaN(Date.parse(cmd.start))) throw invalid('start', 'must be an ISO-8601 time with offset');
  const date = localTime(new Date(cmd.start), hall.timezone).date;
  const slot = findSlot(await offeredSlots(deps, service.id, date), cmd.start);
  if (!slot) throw invalid('start', `is not a slot offered for service ${service.id} (see GET …/slots?date=${date})`);
  if (Date.parse(slot.start) <= now.getTime()) throw new DomainError('SLOT_PASSED', '该时段已开始，请选择其他时段');
  const rules = await rulesOf(deps, hall.id);
  const phoneHash = deps.personalHash('phone', person.phone);
  const idHash = person.idNumber ? deps.personalHash('id', person.idNumber) : null;
  const confirmByCode = cmd.channel === 'online' && rules.confirmPhone;
  let codeId: number | undefined;
  if (confirmByCode) {
    if (!phones) throw new DomainError('PHONE_NOT_CONFIRMED', 'phoneCode: this server cannot confirm phones');
    codeId = await phones.verify(hall.id, person.phone, cmd.phoneCode); // outside the transaction: a wrong guess stays counted
  }
  // after the code: only the phone's holder learns whether it needs an ID number
  if (cmd.channel === 'online' && !person.idNumber) await assertIdNotRequired(deps, rules, hall.id, phoneHash, now);

  return await deps.ctx.store.writeHall(hall.id, async () => {
    const bar = await deps.appointments.activeBar(hall.id, phoneHash, idHash, now.toISOString());
    if (bar) throw new DomainError('APPOINTMENT_BARRED', `多次预约未到，预约资格暂停至 ${localTime(new Date(bar.expiresAt), hall.timezone).date}`);
    await assertPersonLimits(deps, { hallId: hall.id, timezone: hall.timezone, serviceId: service.id, slotStart: slot.start, phoneHash, idHash, now });
    if ((await deps.appointments.taken(service.id, slot.start)) >= slot.capacity) throw new DomainError('SLOT_FULL', '该时段已约满，请选择其他时段');
    if (codeId !== undefined) await phones!.useUp(codeId);
    const a: Appointment = {
      id: randomUUID(),
      code: newAppointmentCode(),
      hallId: hall.id,
      serviceId: service.id,
      slotStart: slot.start,
      slotEnd: slot.end,
      status: 'booked',
      channel: cmd.channel,
      name: person.name,
      phone: person.phone,
      phoneHash,
      idHash,
      idLast4: person.idNumber ? idLast4(person.idNumber) : null,
      createdAt: now.toISOString(),
      createdBy: actor?.type === 'user' ? actor.id : null,
      checkedInAt: null,
      ticketId: null,
      cancelledAt: null,
      noShowAt: null,
      purgedAt: null,
      phoneConfirmed: cmd.channel !== 'online' || confirmByCode,
      lang: cmd.lang ?? 'zh-CN',
    };
    await deps.appointments.insert(a);
    await enqueueBookingMessages(deps, a, rules, now);
    return a;
  });
}
