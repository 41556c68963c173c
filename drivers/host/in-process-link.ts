/** The hall link inside the server: the same use-cases the console and the API call. */
import { callNext } from '../../server/app/call-next.js';
import type { AppContext } from '../../server/app/context.js';
import { reportDeviceHealth } from '../../server/app/device-health.js';
import { today } from '../../server/app/queue-view.js';
import { evaluateTicket } from '../../server/app/evaluate.js';
import { keypadActor, keypadSignIn, keypadSignOut } from '../../server/app/keypad-staff.js';
import { buildSnapshot } from '../../server/app/snapshot.js';
import { actOnCurrent, transferCurrent } from '../../server/app/ticket-actions.js';
import { loadWindow, openWindow, pauseWindow, resumeWindow } from '../../server/app/window-status.js';
import type { Principal } from '../../server/contract/principal.js';
import type { HallEvent } from '../../server/contract/events.js';
import type { KeypadKey } from '../keypad/protocol.js';
import type { HallLink, HallListener, HardwareHealth, WindowDisplay } from './hall-link.js';
import { KEYPAD_PAUSE_REASON } from './keypad-actions.js';

export class InProcessLink implements HallLink {
  constructor(private readonly ctx: AppContext) {}

  subscribe(hallId: string, listener: HallListener): () => void {
    // events committed while the snapshot is read wait for it; those it already shows are dropped
    let waiting: HallEvent[] | undefined = [];
    const off = this.ctx.bus.subscribe((e) => {
      if (e.hallId !== hallId) return;
      if (waiting) waiting.push(e);
      else listener.event(e);
    });
    buildSnapshot(this.ctx, hallId).then(
      (snapshot) => {
        listener.snapshot(snapshot);
        for (const e of waiting ?? []) if (e.seq > snapshot.seq) listener.event(e);
        waiting = undefined;
      },
      (err: unknown) => this.ctx.log.error({ err, hallId }, 'device host: hall snapshot not read'),
    );
    return off;
  }

  /** the server's own device host relays keypads as an agent of the window's hall would */
  private async relay(windowId: string): Promise<Principal> {
    return { type: 'device', id: 'device-host', kind: 'agent', hallId: (await loadWindow(this.ctx, windowId)).hallId, windowId: null };
  }

  async pressKey(windowId: string, k: KeypadKey): Promise<void> {
    if (k.key === 'LOGIN') {
      await keypadSignIn(this.ctx, await this.relay(windowId), windowId, k.employeeNo);
      return;
    }
    if (k.key === 'LOGOUT') {
      await keypadSignOut(this.ctx, await this.relay(windowId), windowId);
      return;
    }
    // the keypad acts for the person on duty at its window; nobody on duty: refused (请先签到)
    const actor = await keypadActor(this.ctx, await this.relay(windowId), windowId);
    switch (k.key) {
      case 'NEXT':
        await callNext(this.ctx, actor, windowId);
        break;
      case 'RECALL':
        await actOnCurrent(this.ctx, actor, windowId, 'recall');
        break;
      case 'START':
        await actOnCurrent(this.ctx, actor, windowId, 'start');
        break;
      case 'FINISH':
        await actOnCurrent(this.ctx, actor, windowId, 'finish');
        break;
      case 'SKIP':
        await actOnCurrent(this.ctx, actor, windowId, 'skip');
        break;
      case 'PAUSE':
        await pauseWindow(this.ctx, actor, windowId, KEYPAD_PAUSE_REASON);
        break;
      // A window with only a keypad has no other way to open: RESUME on a closed one opens it.
      case 'RESUME':
        if ((await loadWindow(this.ctx, windowId)).status === 'closed') await openWindow(this.ctx, actor, windowId);
        else await resumeWindow(this.ctx, actor, windowId);
        break;
      case 'TRANSFER':
        await transferCurrent(this.ctx, actor, windowId, k.serviceId);
        break;
    }
  }

  async windowDisplay(windowId: string): Promise<WindowDisplay> {
    const w = await loadWindow(this.ctx, windowId);
    const t = w.currentTicketId ? await this.ctx.store.tickets.get(w.currentTicketId) : undefined;
    const current = t && (t.status === 'called' || t.status === 'serving') ? t.number : '';
    // a count per service, not the call-order simulation of the console: cheap on every event
    const hall = (await this.ctx.store.halls.hall(w.hallId))!;
    const day = today(hall, this.ctx.clock.now());
    let waiting = 0;
    for (const id of w.serviceIds) waiting += await this.ctx.store.tickets.queuedCount(id, day);
    return { current, waiting };
  }

  async rate(ticketId: string, level: number, evaluator: { id: string; windowId: string }): Promise<void> {
    const w = await loadWindow(this.ctx, evaluator.windowId);
    const actor: Principal = { type: 'device', id: evaluator.id, kind: 'evaluator', hallId: w.hallId, windowId: w.id };
    await evaluateTicket(this.ctx, ticketId, { actor }, { level });
  }

  async reportHealth(hallId: string, h: HardwareHealth): Promise<void> {
    await reportDeviceHealth(this.ctx, {
      hallId,
      id: h.id,
      kind: h.kind,
      status: h.status,
      lastError: h.lastError ?? null,
      ...(h.counters ? { counters: h.counters } : {}),
    });
  }

  now(): Date {
    return this.ctx.clock.now();
  }
}
