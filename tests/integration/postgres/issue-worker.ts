/**
 * A second node for the numbering test: opens the city store and issues `count` tickets of one
 * service, `concurrency` at a time, then prints their numbers as one JSON line.
 * argv: URL SERVICE_ID COUNT CONCURRENCY ISO_NOW
 */
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { issueTicketOnPg } from '../../../server/store/postgres/queue-core.js';

const [url, serviceId, count, concurrency, now] = process.argv.slice(2) as [string, string, string, string, string];
const store = await PgStore.open(url, { poolSize: Number(concurrency) });
const numbers: string[] = [];
let left = Number(count);
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (left-- > 0) numbers.push((await issueTicketOnPg(store, { serviceId, now: new Date(now) })).value.number);
  }),
);
await store.close();
process.stdout.write(`${JSON.stringify(numbers)}\n`);
