/**
 * A simulated Onbon controller: decodes what the host sends (escaping, CRC, every field),
 * keeps its dynamic areas' text, and answers as the reference says: ACK, NACK 5 on a bad
 * CRC, NACK 2 for a command it does not know, NACK 4 past the card's area limits, nothing to
 * a broadcast or a request that asks for no reply. It can be told to stay silent or to NACK.
 */
import { decodeAreaText, runsText, type TextRun } from './area-text.js';
import { BROADCAST, BROADCAST_ANSWERED, type AreaRecord, type BoardCommand } from './commands.js';
import type { OnbonFamily } from './family.js';
import type { Unframed } from './framing.js';

export interface SimArea extends Omit<AreaRecord, 'data'> {
  runs: TextRun[][];
}

export interface ReceivedCommand {
  command: BoardCommand | undefined;
  group: number;
  code: number;
  /** the error it answered with (0 = ACK), or undefined when it did not answer */
  answered: number | undefined;
}

export class OnbonSimulator {
  readonly areas = new Map<number, SimArea>();
  readonly received: ReceivedCommand[] = [];
  brightness = 15;
  on = true;
  /** answer nothing (a board unplugged or switched off) */
  silent = false;
  /** the next n commands get NACK `nackError` instead of being carried out */
  nackNext = 0;
  nackError = 3;
  /** frames that failed CRC or framing */
  rejected = 0;
  onCommand: ((received: ReceivedCommand) => void) | undefined;

  constructor(
    readonly family: OnbonFamily,
    readonly address: number,
    readonly size = { width: 128, height: 32 },
  ) {}

  /** what the board shows, top to bottom: each area's lines */
  shows(): string[] {
    return [...this.areas.values()].sort((a, b) => a.y - b.y || a.x - b.x).flatMap((a) => a.runs.map(runsText));
  }

  /** the colour codes of one area's first line, run by run */
  colours(areaId: number): number[] {
    return this.areas.get(areaId)?.runs[0]?.map((r) => r.colour) ?? [];
  }

  areaWrites(): number {
    return this.received.filter((r) => r.command?.kind === 'areas').length;
  }

  reset(): void {
    this.received.length = 0;
    this.silent = false;
    this.nackNext = 0;
  }

  /** the reply bytes to one frame off the wire, or undefined */
  handle(frame: Unframed): Buffer | undefined {
    if (!frame.ok) {
      this.rejected++;
      // a bad CRC is answered by the board the header names (several share an RS-485 line)
      if (this.silent || !frame.body || frame.reason !== 'crc' || frame.body.length < 2 || frame.body.readUInt16LE(0) !== this.address) return undefined;
      return this.family.nack(this.address, 5);
    }
    const request = this.family.decodeRequest(frame.body);
    if ('error' in request) {
      this.rejected++;
      return undefined;
    }
    const mine = request.dst === this.address || request.dst === BROADCAST || request.dst === BROADCAST_ANSWERED;
    if (!mine || this.silent) return undefined;
    const from = request.dst === BROADCAST_ANSWERED ? BROADCAST_ANSWERED : this.address;
    let error: number;
    let reply: Buffer | undefined;
    if (!request.command) error = 2;
    else if (this.nackNext > 0) {
      this.nackNext--;
      error = this.nackError;
    } else error = this.apply(request.command);
    if (error) reply = this.family.nack(from, error);
    else if (request.command?.kind === 'status')
      reply = this.family.status(from, { on: this.on, brightness: this.brightness, areaIds: [...this.areas.keys()] });
    else reply = this.family.ack(from);
    const received = { command: request.command, group: request.group, code: request.code, answered: request.wantsReply ? error : undefined };
    this.received.push(received);
    this.onCommand?.(received);
    return request.wantsReply ? reply : undefined;
  }

  /** carries a command out; returns the error code (0 = done) */
  private apply(cmd: BoardCommand): number {
    switch (cmd.kind) {
      case 'ping':
      case 'status':
        return 0;
      case 'clear':
        this.areas.clear();
        return 0;
      case 'power':
        this.on = cmd.on;
        return 0;
      case 'brightness':
        if (cmd.level > 15) return 4;
        this.brightness = cmd.level;
        return 0;
      case 'areas':
        return this.applyAreas(cmd.areas, cmd.deleteIds);
    }
  }

  private applyAreas(areas: AreaRecord[], deleteIds: number[] | 'all' | undefined): number {
    if (areas.some((a) => a.data.length > this.family.maxAreaBytes)) return 4;
    const ids = new Set(deleteIds === 'all' ? [] : this.areas.keys());
    for (const id of deleteIds === 'all' ? [] : (deleteIds ?? [])) ids.delete(id);
    for (const a of areas) ids.add(a.id);
    if (ids.size > this.family.maxAreas) return 4;
    if (areas.some((a) => a.x + a.width > this.size.width || a.y + a.height > this.size.height)) return 18;
    if (deleteIds === 'all') this.areas.clear();
    else for (const id of deleteIds ?? []) this.areas.delete(id);
    for (const { data, ...rest } of areas) this.areas.set(rest.id, { ...rest, runs: decodeAreaText(data) });
    return 0;
  }
}
