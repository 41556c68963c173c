/**
 * The device end of the bus, for simulators (like serialport's MockBinding): records every
 * request it was sent, answers through `answer`, and can be scripted to stay silent, to
 * corrupt its next replies' CRC, to send a reply twice, or to answer late.
 */
import { reply as replyFrame, type Frame } from './protocol.js';

export interface ReceivedRequest {
  command: string;
  args: string[];
  seq: number;
  /** false when the device had already acted on this seq (a retry) */
  fresh: boolean;
}

export abstract class SimDevice {
  readonly received: ReceivedRequest[] = [];
  /** answer nothing (a board unplugged from the bus) */
  silent = false;
  /** the next n replies go out with a wrong CRC */
  badCrcReplies = 0;
  /** the next n replies go out twice */
  duplicateReplies = 0;
  /** answer this many ms late */
  delayMs = 0;
  /** told of every request acted on (for a console that shows the device) */
  onRequest: ((request: ReceivedRequest) => void) | undefined;
  private lastSeq = -1;
  private lastAnswer: string[] = ['OK'];

  constructor(readonly address: number) {}

  /** what the device does with a new request; returns the reply fields (OK/ER first) */
  protected abstract answer(command: string, args: string[]): string[];

  /** forget what was received and any script; the device's own state is kept by subclasses */
  reset(): void {
    this.received.length = 0;
    this.silent = false;
    this.badCrcReplies = 0;
    this.duplicateReplies = 0;
    this.delayMs = 0;
  }

  /** The reply bytes for a request frame, or none. The same seq twice in a row acts once. */
  handle(frame: Frame): Buffer[] {
    const [command = '', ...args] = frame.fields;
    const fresh = frame.seq !== this.lastSeq;
    const request = { command, args, seq: frame.seq, fresh };
    this.received.push(request);
    if (this.silent) return [];
    if (fresh) {
      this.lastSeq = frame.seq;
      this.lastAnswer = this.answer(command, args);
      this.onRequest?.(request);
    }
    let bytes = replyFrame(this.address, frame.seq, ...this.lastAnswer);
    if (this.badCrcReplies > 0) {
      this.badCrcReplies--;
      bytes = corruptCrc(bytes);
    }
    if (this.duplicateReplies > 0) {
      this.duplicateReplies--;
      return [bytes, bytes];
    }
    return [bytes];
  }

  /** requests of one command, in order */
  requests(command: string): ReceivedRequest[] {
    return this.received.filter((r) => r.command === command);
  }
}

function corruptCrc(frame: Buffer): Buffer {
  const copy = Buffer.from(frame);
  const i = copy.length - 3; // last CRC digit, before CR LF
  copy[i] = copy[i] === 0x30 ? 0x31 : 0x30;
  return copy;
}
