/**
 * The devices' end of a bus in a process of its own, as real devices are: LED boards at the
 * given addresses on `path` that answer however busy the test's own event loop is (an address
 * written `9!` is a board that hears its frames and never answers). Prints
 * `ready`, then one JSON line per frame it receives: `{ at, address, seq, command, args }`
 * (`at`: Date.now() when the frame arrived).
 *   node --import tsx tests/helpers/far-end-process.ts <path> <address,address!,…>
 */
import { SimPort } from '../../drivers/bus/sim-port.js';
import { LedSimulator } from '../../drivers/led/simulator.js';

const [path = '', addresses = ''] = process.argv.slice(2);
const port = new SimPort(path);
for (const spec of addresses.split(',')) {
  const address = Number(spec.replace('!', ''));
  const board = port.add(new LedSimulator(address, 1));
  board.silent = spec.endsWith('!');
  const handle = board.handle.bind(board);
  board.handle = (frame) => {
    const [command = '', ...args] = frame.fields;
    process.stdout.write(`${JSON.stringify({ at: Date.now(), address, seq: frame.seq, command, args })}\n`);
    return handle(frame);
  };
}
await port.open();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void port.close().finally(() => process.exit(0)));
