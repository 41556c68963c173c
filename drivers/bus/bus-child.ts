/**
 * The bus process: every HQ-485 port of the server is mastered here (bus-master.ts), so a frame
 * goes out, its reply is read and the next frame follows at the bus's pace however busy the
 * server's event loop is with HTTP and sockets. The server's SerialBus (serial-bus.ts) talks to
 * it through the messages of bus-wire.ts; it exits when the server closes the channel or dies.
 */
import { BusMaster } from './bus-master.js';
import type { FromBusProcess, ToBusProcess } from './bus-wire.js';
import type { ListedPort } from './port-finder.js';

if (!process.send) throw new Error("bus-child runs as the server's child process (SerialBus starts it)");

const masters = new Map<number, BusMaster>();
const listings = new Map<number, (ports: ListedPort[] | null) => void>();
let nextListing = 1;
const post = (message: FromBusProcess) => {
  if (process.connected) process.send!(message);
};

/** a test's own port lister lives in the server's process: ask it */
const listInServer = (bus: number) => () =>
  new Promise<ListedPort[]>((resolve, reject) => {
    const id = nextListing++;
    listings.set(id, (ports) => (ports ? resolve(ports) : reject(new Error('port listing failed'))));
    post({ type: 'list', bus, id });
  });

process.on('message', (m: ToBusProcess) => {
  if (m.type === 'start') {
    const master = new BusMaster(m.bus, m.settings, post, m.settings.listsOnMain ? listInServer(m.bus) : undefined);
    masters.set(m.bus, master);
    for (const address of m.addresses) master.attach(address);
    master.start();
  } else if (m.type === 'listed') {
    listings.get(m.id)?.(m.ports);
    listings.delete(m.id);
  } else if (m.type === 'close') {
    const master = masters.get(m.bus);
    masters.delete(m.bus);
    void (master?.close() ?? Promise.resolve()).then(() => post({ type: 'closed', bus: m.bus }));
  } else {
    const master = masters.get(m.bus);
    if (!master) return;
    if (m.type === 'attach') master.attach(m.address);
    else if (m.type === 'heartbeat') master.heartbeat(m.address);
    else if (m.type === 'broadcast') master.broadcast(m.command, m.args);
    else master.request(m.id, m.address, m.command, m.args, m.priority, m.replaces);
  }
});

// Ctrl+C in a terminal, or a service stop, reaches the whole process group: the server closes
// its buses as it shuts down, and this process ends when it lets go of the channel
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

// the server closed the channel (its last bus closed) or died: let go of the ports and end
process.on('disconnect', () => {
  void Promise.all([...masters.values()].map((m) => m.close())).finally(() => process.exit(0));
});
