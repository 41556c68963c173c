/**
 * The keypad and the evaluator of a window: each polled every 100 ms; a key runs the console's
 * use-case through the link, a rating lands on the ticket the evaluator was asked about.
 */
import type { Logger } from 'pino';
import { isRatingInTime } from '../evaluator/protocol.js';
import type { SerialEvaluator } from '../evaluator/serial.js';
import { keyText, refusalText } from '../keypad/protocol.js';
import type { SerialKeypad } from '../keypad/serial.js';
import type { HallLink } from './hall-link.js';

export class KeypadStation {
  readonly counters = { refused: 0, acted: 0 };
  lastError: string | null = null;
  private refreshing: Promise<void> | undefined;
  private again = false;
  private messageShown = false;

  constructor(
    readonly id: string,
    readonly windowId: string,
    readonly keypad: SerialKeypad,
    private readonly link: HallLink,
    private readonly log: Logger,
  ) {}

  async pollOnce(): Promise<void> {
    const key = await this.keypad.poll();
    if (!key) return;
    try {
      await this.link.pressKey(this.windowId, key);
      this.counters.acted++;
      this.lastError = null;
      if (this.messageShown) await this.showMessage('');
    } catch (error) {
      this.counters.refused++;
      this.lastError = `${keyText(key)}: ${(error as Error).message}`;
      this.log.info({ keypad: this.id, key: keyText(key), err: (error as Error).message }, 'keypad key refused');
      // the clerk at the keypad sees why nothing happened (请先签到, 无人等候, …)
      await this.showMessage(refusalText((error as { code?: string }).code));
    }
    await this.refresh();
  }

  private async showMessage(text: string): Promise<void> {
    await this.keypad.message(text);
    this.messageShown = text !== '';
  }

  /** SHOW,<current>,<waiting>; calls that overlap are folded into one more */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        const d = await this.link.windowDisplay(this.windowId);
        await this.keypad.show(d.current, d.waiting);
      } while (this.again);
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }
}

interface OpenQuestion {
  ticketId: string;
  number: string;
  askedAt: Date;
}

export class EvaluatorStation {
  readonly counters = { recorded: 0, ignored: 0 };
  lastError: string | null = null;
  private question: OpenQuestion | undefined;

  constructor(
    readonly id: string,
    readonly windowId: string,
    readonly evaluator: SerialEvaluator,
    private readonly link: HallLink,
    private readonly log: Logger,
  ) {}

  /** a ticket finished at this window: ask the visitor to rate it */
  async ask(ticketId: string, number: string): Promise<void> {
    this.question = { ticketId, number, askedAt: this.link.now() };
    await this.evaluator.ask(number);
  }

  async pollOnce(): Promise<void> {
    const level = await this.evaluator.poll();
    if (level === null) return;
    const q = this.question;
    if (!q || !isRatingInTime(q.askedAt, this.link.now())) {
      this.counters.ignored++;
      this.log.info({ evaluator: this.id, level, late: Boolean(q) }, 'rating ignored: no ticket open for evaluation');
      return;
    }
    this.question = undefined;
    try {
      await this.link.rate(q.ticketId, level, { id: this.id, windowId: this.windowId });
      this.counters.recorded++;
      this.lastError = null;
    } catch (error) {
      this.counters.ignored++;
      this.lastError = (error as Error).message;
      this.log.warn({ evaluator: this.id, ticket: q.number, err: (error as Error).message }, 'rating refused');
    }
  }
}
