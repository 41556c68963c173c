/** A node that leads what it can of halls h1–h3 and says so; the leadership test SIGKILLs it. argv: URL */
import { HallLeadership } from '../../../server/store/postgres/hall-leader.js';

const leadership = new HallLeadership(
  process.argv[2]!,
  async () => ['h1', 'h2', 'h3'],
  (led) => process.stdout.write(`leading ${[...led].sort().join(',')}\n`),
);
await leadership.start(100);
setInterval(() => {}, 1000); // stays up until killed
