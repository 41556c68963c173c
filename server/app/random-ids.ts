import { randomFillSync } from 'node:crypto';

/** random bytes drawn 4 KiB at a time: one call into the system's generator per ~150 tickets, as randomUUID() batches its own */
const pool = Buffer.alloc(4096);
let used = pool.length;

function take(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

/**
 * A UUID whose first 48 bits are the time in milliseconds (RFC 9562 version 7), the other 74
 * random. Ticket ids are a table's primary key: random ones land on a random page of its index,
 * one page written per ticket, where ids in time order all go to its last page.
 */
export function timeOrderedUuid(nowMs: number): string {
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(Math.max(0, Math.floor(nowMs)) % 2 ** 48, 0, 6);
  take(10).copy(b, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `bytes` random bytes as base64url: a ticket's status token (the phone's key to its page) */
export function randomToken(bytes = 16): string {
  return take(bytes).toString('base64url');
}
