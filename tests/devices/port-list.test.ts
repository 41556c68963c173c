import { afterEach, describe, expect, it } from 'vitest';
import { FrameBus } from '../../drivers/bus/frame-bus.js';
import type { ListedPort } from '../../drivers/bus/port-finder.js';
import { SerialBus } from '../../drivers/bus/serial-bus.js';
import { SimPort } from '../../drivers/bus/sim-port.js';
import { LedSimulator } from '../../drivers/led/simulator.js';
import { FAMILIES } from '../../drivers/protocols/onbon/family.js';
import { onbonCodec } from '../../drivers/protocols/onbon/protocol.js';
import { OnbonSimPort } from '../../drivers/protocols/onbon/sim-port.js';
import { OnbonSimulator } from '../../drivers/protocols/onbon/simulator.js';
import { openPtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The Windows way of finding a port, over a pty: the config names a USB adapter by its serial
 * number (as it would name COM3), the port list says where it is, and taking it out of the
 * list is what pulling the adapter looks like to SerialPort.list().
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function adapter() {
  const pty = await openPtyPair();
  let ports: ListedPort[] = [{ path: 'COM1' }, { path: pty.a, serialNumber: 'FT232-A10KX3FZ' }];
  cleanups.push(() => pty.close());
  return {
    pty,
    listPorts: async () => ports,
    pull: () => {
      ports = ports.filter((p) => p.path !== pty.a);
    },
    plugIn: () => {
      ports = [...ports, { path: pty.a, serialNumber: 'FT232-A10KX3FZ' }];
    },
  };
}

describe('ports found by SerialPort.list(), never by the file system', () => {
  it('an HQ-485 bus opens the listed adapter, drops it when it leaves the list, and reopens it when it is back', async () => {
    const a = await adapter();
    const sim = new SimPort(a.pty.b);
    sim.add(new LedSimulator(3, 1));
    await sim.open();
    const bus = new SerialBus({ id: 'bus1', path: 'FT232-A10KX3FZ', listPorts: a.listPorts, reprobeMs: 100, reopenMs: 100 });
    cleanups.push(
      () => sim.close(),
      () => bus.close(),
    );
    bus.attach(3);
    bus.start();
    await waitFor(() => bus.link(3)?.status === 'online', 'board online through the listed adapter');
    a.pull();
    await waitFor(() => !bus.isOpen && bus.link(3)?.status === 'offline', 'bus drops the adapter that left the list');
    expect(bus.link(3)?.lastError).toMatch(/no longer listed/);
    a.plugIn();
    await waitFor(() => bus.link(3)?.status === 'online', 'board online again after the adapter is back');
  });

  it('an Onbon bus does the same', async () => {
    const a = await adapter();
    const sim = new OnbonSimPort(a.pty.b);
    sim.add(new OnbonSimulator(FAMILIES['onbon-bx5k'], 1));
    await sim.open();
    const bus = new FrameBus(onbonCodec(FAMILIES['onbon-bx5k']), {
      id: 'leds',
      port: 'FT232-A10KX3FZ',
      listPorts: a.listPorts,
      timeoutMs: 300,
      reprobeMs: 100,
      reopenMs: 100,
    });
    cleanups.push(
      () => sim.close(),
      () => bus.close(),
    );
    bus.attach(1);
    bus.start();
    await waitFor(() => bus.link(1)?.status === 'online', 'board online through the listed adapter');
    a.pull();
    await waitFor(() => !bus.isOpen && bus.link(1)?.status === 'offline', 'bus drops the adapter that left the list');
    a.plugIn();
    await waitFor(() => bus.link(1)?.status === 'online', 'board online again');
  });
});
