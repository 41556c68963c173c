import { serveParent } from '../lib/child-side.js';
import { LedBus, type LedBusOrder } from './observers.js';
import { SimTime } from './sim-time.js';

/** The hall-day's LED bus far end as its own process (observers.ts LedBusProcess): answers `strips`. */
const order = JSON.parse(process.argv[2] ?? '{}') as LedBusOrder;
const time = new SimTime(new Date(order.start), order.speed, order.origin);
const bus = new LedBus(order.path, order.windows, order.boardAddresses, () => time.now());

serveParent(
  bus.open().then(() => ({ pid: process.pid })),
  { strips: () => bus.strips },
  () => bus.close(),
);
