/**
 * A node that leads what it can of halls h1–h3 and says so; the leadership tests SIGKILL or SIGSTOP
 * it. argv: URL [tryMs] [leaseMs] [name]: with a name, it also "works" every 50 ms for each hall it leads,
 * a row in lead_work(node, hall) as the scheduled work would write.
 */
import pg from 'pg';
import { HallLeadership } from '../../../server/store/postgres/hall-leader.js';

const [url, tryMs = '100', leaseMs = '5000', name] = process.argv.slice(2);
const leadership = new HallLeadership(
  url!,
  async () => ['h1', 'h2', 'h3'],
  (led) => process.stdout.write(`leading ${[...led].sort().join(',')}\n`),
);
await leadership.start(Number(tryMs), Number(leaseMs));
if (name) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // a round at a time, each hall's row written right after asking whether it still leads it, with
  // the moment it decided: on a loaded machine queued rows decided before a stop land after it
  let working = false;
  setInterval(() => {
    if (working) return;
    working = true;
    void (async () => {
      for (const hall of ['h1', 'h2', 'h3']) {
        if (!leadership.leads(hall)) continue;
        await pool.query('INSERT INTO lead_work (node, hall, decided) VALUES ($1, $2, $3)', [name, hall, new Date()]).catch(() => {});
      }
    })().finally(() => {
      working = false;
    });
  }, 50);
}
setInterval(() => {}, 1000); // stays up until killed
