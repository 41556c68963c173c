/**
 * The JSON body pushed to the province's 好差评 platform, one per rating and per 差评 step.
 * Our ids are mapped to the platform's codes per hall (事项编码, 窗口编码); an unmapped one is
 * sent as our id so nothing is held back, and the admin sees it in the outbox.
 */
import type { AppContext } from '../app/context.js';
import { EVALUATION_LEVELS } from '../domain/evaluation.js';
import type { HaochaKind } from '../../db/repositories/haocha-repository.js';
import type { FollowUpRecord } from '../../db/repositories/supervision-records.js';

export interface HaochaHallMapping {
  /** the hall's code on the platform (机构/大厅编码) */
  hallCode?: string;
  /** our service id → the platform's 事项编码 */
  services?: Record<string, string>;
  /** our window id → the platform's 窗口编码 */
  windows?: Record<string, string>;
}

export interface HaochaSettings {
  /** where to POST; null: queued but not sent */
  url: string | null;
  halls: Record<string, HaochaHallMapping>;
}

export const DEFAULT_HAOCHA: HaochaSettings = { url: null, halls: {} };

export interface HaochaPayload {
  /** stable per rating or step: the platform drops a repeat (also sent as idempotency-key) */
  id: string;
  kind: HaochaKind;
  occurredAt: string;
  hall: { id: string; code: string; name: string };
  ticket: { id: string; number: string };
  service: { id: string; code: string; name: string } | null;
  window: { id: string; code: string; name: string } | null;
  staff: { employeeNo: string; name: string } | null;
  /** 1 非常不满意 … 5 非常满意 */
  rating?: { level: number; label: string; tags: string[]; comment: string; source: string };
  callback?: { note: string | null; at: string | null };
  rectification?: { note: string | null; at: string | null };
  followUpRating?: { level: number; label: string; at: string | null };
}

const labelOf = (level: number) => EVALUATION_LEVELS[level as 1 | 2 | 3 | 4 | 5]?.zh ?? String(level);

export async function composePayload(
  ctx: AppContext,
  mapping: HaochaHallMapping,
  kind: HaochaKind,
  ticketId: string,
  occurredAt: string,
  followUp?: FollowUpRecord,
): Promise<HaochaPayload | null> {
  const ticket = await ctx.store.tickets.get(ticketId);
  const evaluation = await ctx.store.evaluations.get(ticketId);
  if (!ticket || !evaluation) return null;
  const hall = (await ctx.store.halls.hall(ticket.hallId))!;
  const service = await ctx.store.halls.service(ticket.serviceId);
  const windowId = evaluation.windowId ?? ticket.windowId;
  const w = windowId ? await ctx.store.halls.window(windowId) : undefined;
  const staffId = evaluation.staffId ?? ticket.staffId;
  const staff = staffId ? await ctx.store.staff.get(staffId) : undefined;
  const base: HaochaPayload = {
    id: `hallq:${hall.id}:${ticketId}:${kind}`,
    kind,
    occurredAt,
    hall: { id: hall.id, code: mapping.hallCode ?? hall.id, name: hall.name },
    ticket: { id: ticketId, number: ticket.number },
    service: service ? { id: service.id, code: mapping.services?.[service.id] ?? service.id, name: service.name } : null,
    window: w ? { id: w.id, code: mapping.windows?.[w.id] ?? w.id, name: w.name } : null,
    staff: staff ? { employeeNo: staff.employeeNo, name: staff.name } : null,
  };
  if (kind === 'rating') {
    return {
      ...base,
      rating: { level: evaluation.level, label: labelOf(evaluation.level), tags: evaluation.tags, comment: evaluation.comment, source: evaluation.source },
    };
  }
  if (!followUp) return null;
  if (kind === 'callback') return { ...base, callback: { note: followUp.callbackNote, at: followUp.callbackAt } };
  if (kind === 'rectified') return { ...base, rectification: { note: followUp.rectifyNote, at: followUp.rectifiedAt } };
  if (followUp.visitorLevel === null) return null;
  return { ...base, followUpRating: { level: followUp.visitorLevel, label: labelOf(followUp.visitorLevel), at: followUp.visitorRatedAt } };
}

/**
 * The codes as they are set when a push goes out: a queued push was composed with the codes of
 * its time, and a manager who fills in the codes later wants the pending ones to carry them.
 */
export function withCurrentCodes(p: HaochaPayload, mapping: HaochaHallMapping): HaochaPayload {
  return {
    ...p,
    hall: { ...p.hall, code: mapping.hallCode ?? p.hall.id },
    service: p.service ? { ...p.service, code: mapping.services?.[p.service.id] ?? p.service.id } : null,
    window: p.window ? { ...p.window, code: mapping.windows?.[p.window.id] ?? p.window.id } : null,
  };
}
