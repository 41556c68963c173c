import { io, type Socket } from 'socket.io-client';
import { progress } from '../lib/table.js';

/**
 * How a hall's idle clerks learn that someone is waiting: the hall's live events on one socket.io
 * subscription, as the staff console's queue panel hears them. Each `ticket.issued` wakes one clerk
 * waiting for work; heard while none waits, it is kept for the next clerk whose queue looks empty
 * (someone else may have called that ticket by then: at most one empty look-up per ticket).
 */
export class HallBell {
  private readonly sleepers: (() => void)[] = [];
  private unheard = 0;
  /** after a lost connection clerks look again every second instead, as a console without its live feed would */
  private lost = false;
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('event', (e: { type?: string }) => {
      if (e.type === 'ticket.issued') this.issued();
    });
    socket.on('disconnect', (reason) => {
      if (this.closed) return;
      progress(`a hall's live feed was lost (${reason}): its clerks look every second instead`);
      this.lost = true;
      this.wakeAll();
    });
  }

  static connect(url: string, token: string, hallId: string): Promise<HallBell> {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, timeout: 60_000 });
    return new Promise((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.once('connect', () => {
        socket.emit('subscribe', { hallId }, (ack: { ok: boolean; error?: unknown }) => {
          if (ack.ok) resolve(new HallBell(socket));
          else reject(new Error(`subscribe ${hallId} refused: ${JSON.stringify(ack.error)}`));
        });
      });
    });
  }

  /** resolves once a ticket was issued that no other idle clerk was woken for (or at wakeAll) */
  nextTicket(): Promise<void> {
    if (this.lost) return new Promise((r) => setTimeout(r, 1000));
    if (this.unheard > 0) {
      this.unheard--;
      return Promise.resolve();
    }
    return new Promise((r) => this.sleepers.push(r));
  }

  private issued(): void {
    const sleeper = this.sleepers.shift();
    if (sleeper) sleeper();
    else this.unheard++;
  }

  /** the hall's kiosk is done: every waiting clerk looks once more (and goes home on an empty queue) */
  wakeAll(): void {
    for (const sleeper of this.sleepers.splice(0)) sleeper();
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }
}
