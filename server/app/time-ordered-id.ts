import { randomFillSync } from 'node:crypto';

/** random bytes drawn 4 KiB at a time: one system call per ~400 ids, as randomUUID() batches its own */
const pool = Buffer.alloc(4096);
let used = pool.length;

/**
 * A UUID whose first 48 bits are the time in milliseconds (RFC 9562 version 7), the other 74
 * random. Ticket ids are a table's primary key: random ones land on a random page of its index,
 * one page written per ticket, where ids in time order all go to its last page.
 */
export function timeOrderedUuid(nowMs: number): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(Math.max(0, Math.floor(nowMs)) % 2 ** 48, 0, 6);
  pool.copy(b, 6, used, used + 10);
  used += 10;
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
