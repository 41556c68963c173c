import type { NotificationKind } from '../notify/notifier.js';
import type { AppointmentLang } from './model.js';

/** What a message about one booking may say; times already in the hall's local time. */
export interface MessageFacts {
  hallName: string;
  /** '' when the hall has none configured */
  hallAddress: string;
  serviceName: string;
  /** the slot: local date and times */
  date: string;
  from: string;
  to: string;
  code: string;
  materials: string;
  /** check-in window in local time (HH:MM), the hall's own rules */
  checkInFrom: string;
  checkInUntil: string;
  ticketNumber?: string;
  /** a bar: its last day (local date), the no-shows counted and the period they were counted in */
  barUntil?: string;
  noShows?: number;
  noShowLimit: number;
  noShowPeriodDays: number;
}

export type BookingMessageKind = Exclude<NotificationKind, 'phone-code'>;

const zhDate = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const enDate = (date: string) => `${Number(date.slice(8, 10))} ${EN_MONTHS[Number(date.slice(5, 7)) - 1]}`;

function zhCN(kind: BookingMessageKind, f: MessageFacts): string {
  const when = `${zhDate(f.date)} ${f.from}–${f.to}`;
  const where = f.hallAddress ? `（地址：${f.hallAddress}）` : '';
  switch (kind) {
    case 'confirmation':
      return (
        `预约成功：${f.serviceName}，${when}，预约码 ${f.code}。${f.materials ? `请带齐材料：${f.materials}。` : ''}` +
        `请于 ${f.checkInFrom}–${f.checkInUntil} 到${f.hallName}${where}签到。`
      );
    case 'reminder':
      return `温馨提醒：您预约的${f.serviceName}将于${when}办理，预约码 ${f.code}。请于 ${f.checkInFrom}–${f.checkInUntil} 到${f.hallName}${where}签到。`;
    case 'turn-soon':
      return `您的号 ${f.ticketNumber ?? ''} 即将叫到，请到${f.serviceName}窗口附近留意叫号。`;
    case 'cancelled':
      return `您预约的${f.serviceName}（${when}）已取消。`;
    case 'no-show':
      return `您预约的${f.serviceName}（${when}）未在 ${f.checkInUntil} 前签到，已记为爽约。${f.noShowPeriodDays}天内爽约${f.noShowLimit}次将暂停预约资格。`;
    case 'barred':
      return `因${f.noShowPeriodDays}天内${f.noShows ?? f.noShowLimit}次预约未到，您在${f.hallName}的预约资格暂停至${zhDate(f.barUntil ?? '')}。如有异议请联系大厅。`;
    case 'bar-ended':
      return `您在${f.hallName}的预约资格已恢复，欢迎再次预约。`;
  }
}

function en(kind: BookingMessageKind, f: MessageFacts): string {
  const when = `${enDate(f.date)} ${f.from}–${f.to}`;
  const where = f.hallAddress ? ` (${f.hallAddress})` : '';
  switch (kind) {
    case 'confirmation':
      return (
        `Booked: ${f.serviceName}, ${when}, code ${f.code}.${f.materials ? ` Please bring: ${f.materials}.` : ''}` +
        ` Check in at ${f.hallName}${where} between ${f.checkInFrom} and ${f.checkInUntil}.`
      );
    case 'reminder':
      return `Reminder: ${f.serviceName} on ${when}, code ${f.code}. Check in at ${f.hallName}${where} between ${f.checkInFrom} and ${f.checkInUntil}.`;
    case 'turn-soon':
      return `Your number ${f.ticketNumber ?? ''} will be called soon: please wait near the ${f.serviceName} windows.`;
    case 'cancelled':
      return `Your booking for ${f.serviceName} (${when}) is cancelled.`;
    case 'no-show':
      return (
        `You did not check in for ${f.serviceName} (${when}) by ${f.checkInUntil}: it counts as a missed booking.` +
        ` ${f.noShowLimit} missed bookings within ${f.noShowPeriodDays} days suspend booking.`
      );
    case 'barred':
      return (
        `After ${f.noShows ?? f.noShowLimit} missed bookings within ${f.noShowPeriodDays} days, booking at ${f.hallName} is suspended until ${enDate(f.barUntil ?? '')}.` +
        ' Please contact the hall if this is wrong.'
      );
    case 'bar-ended':
      return `You may book at ${f.hallName} again.`;
  }
}

/** The SMS text of a booking's message in the booking's language, headed by the hall's name. */
export function messageText(kind: BookingMessageKind, lang: AppointmentLang, f: MessageFacts): string {
  return lang === 'en' ? `[${f.hallName}] ${en(kind, f)}` : `【${f.hallName}】${zhCN(kind, f)}`;
}
