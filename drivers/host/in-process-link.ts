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
import type { KeypadKey } from '../keypad/protocol.js';
import type { HallLink, HallListener, HardwareHealth, WindowDisplay } from './hall-link.js';
import { KEYPAD_PAUSE_REASON } from './keypad-actions.js';

export class InProcessLink implements HallLink {
  constructor(private readonly ctx: AppContext) {}

  subscribe(hallId: string, listener: HallListener): () => void {
    const off = this.ctx.bus.subscribe((e) => {
      if (e.hallId === hallId) listener.event(e);
    });
    listener.snapshot(buildSnapshot(this.ctx, hallId));
    return off;
  }

  /** the server's own device host relays keypads as an agent of the window's hall would */
  private relay(windowId: string): Principal {
    return { type: 'device', id: 'device-host', kind: 'agent', hallId: loadWindow(this.ctx, windowId).hallId, windowId: null };
  }

  async pressKey(windowId: string, k: KeypadKey): Promise<void> {
    if (k.key === 'LOGIN') {
      keypadSignIn(this.ctx, this.relay(windowId), windowId, k.employeeNo);
      return;
    }
    if (k.key === 'LOGOUT') {
      keypadSignOut(this.ctx, this.relay(windowId), windowId);
      return;
    }
    // the keypad acts for the person on duty at its window; nobody on duty: refused (请先签到)
    const actor = keypadActor(this.ctx, this.relay(windowId), windowId);
    switch (k.key) {
      case 'NEXT':
        callNext(this.ctx, actor, windowId);
        break;
      case 'RECALL':
        actOnCurrent(this.ctx, actor, windowId, 'recall');
        break;
      case 'START':
        actOnCurrent(this.ctx, actor, windowId, 'start');
        break;
      case 'FINISH':
        actOnCurrent(this.ctx, actor, windowId, 'finish');
        break;
      case 'SKIP':
        actOnCurrent(this.ctx, actor, windowId, 'skip');
        break;
      case 'PAUSE':
        pauseWindow(this.ctx, actor, windowId, KEYPAD_PAUSE_REASON);
        break;
      // A window with only a keypad has no other way to open: RESUME on a closed one opens it.
      case 'RESUME':
        if (loadWindow(this.ctx, windowId).status === 'closed') openWindow(this.ctx, actor, windowId);
        else resumeWindow(this.ctx, actor, windowId);
        break;
      case 'TRANSFER':
        transferCurrent(this.ctx, actor, windowId, k.serviceId);
        break;
    }
  }

  async windowDisplay(windowId: string): Promise<WindowDisplay> {
    const w = loadWindow(this.ctx, windowId);
    const t = w.currentTicketId ? this.ctx.store.tickets.get(w.currentTicketId) : undefined;
    const current = t && (t.status === 'called' || t.status === 'serving') ? t.number : '';
    // a count per service, not the call-order simulation of the console: cheap on every event
    const hall = this.ctx.store.halls.hall(w.hallId)!;
    const day = today(hall, this.ctx.clock.now());
    const waiting = w.serviceIds.reduce((n, id) => n + this.ctx.store.tickets.queuedCount(id, day), 0);
    return { current, waiting };
  }

  async rate(ticketId: string, level: number, evaluator: { id: string; windowId: string }): Promise<void> {
    const w = loadWindow(this.ctx, evaluator.windowId);
    const actor: Principal = { type: 'device', id: evaluator.id, kind: 'evaluator', hallId: w.hallId, windowId: w.id };
    evaluateTicket(this.ctx, ticketId, { actor }, { level });
  }

  async reportHealth(hallId: string, h: HardwareHealth): Promise<void> {
    reportDeviceHealth(this.ctx, {
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
