/**
 * A byte stream to devices: a serial port (found by port-finder) or a TCP connection
 * (`tcp://192.168.1.50:5005`, for Ethernet controllers). Emits `data`, and `lost` once when
 * the port or connection goes away; whoever opened it opens a new one to reconnect.
 */
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { findPort, stillListed, type PortLister } from './port-finder.js';

export interface BytePortEvents {
  data: [chunk: Buffer];
  lost: [reason: string];
}

export interface BytePort extends EventEmitter<BytePortEvents> {
  readonly description: string;
  write(bytes: Buffer): void;
  /** serial only: change the line rate (Onbon cards run at 9600 or 57600) */
  setBaudRate(rate: number): Promise<void>;
  /** false when a listed serial port has left the system's list */
  present(): Promise<boolean>;
  close(): Promise<void>;
}

const TCP = /^tcp:\/\/([^:/]+):(\d+)$/;
const CONNECT_TIMEOUT_MS = 5000;

export const isTcpSpec = (spec: string): boolean => TCP.test(spec);

export function openBytePort(spec: string, baudRate: number, listPorts?: PortLister): Promise<BytePort> {
  const tcp = TCP.exec(spec);
  return tcp ? openTcp(spec, tcp[1]!, Number(tcp[2])) : openSerial(spec, baudRate, listPorts);
}

class Port extends EventEmitter<BytePortEvents> {
  private gone = false;
  constructor(readonly description: string) {
    super();
  }
  markLost(reason: string): void {
    if (this.gone) return;
    this.gone = true;
    this.emit('lost', reason);
  }
}

async function openSerial(spec: string, baudRate: number, listPorts: PortLister | undefined): Promise<BytePort> {
  const found = await findPort(spec, listPorts);
  const serial = new SerialPort({ path: found.path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => serial.open((err) => (err ? reject(err) : resolve())));
  const port = Object.assign(new Port(found.path), {
    write: (bytes: Buffer) => {
      if (serial.isOpen) serial.write(bytes);
    },
    setBaudRate: (rate: number) => new Promise<void>((resolve, reject) => serial.update({ baudRate: rate }, (err) => (err ? reject(err) : resolve()))),
    present: () => (found.listed ? stillListed(spec, listPorts) : Promise.resolve(serial.isOpen)),
    close: () =>
      new Promise<void>((resolve) => {
        port.removeAllListeners('lost');
        if (serial.isOpen) serial.close(() => resolve());
        else resolve();
      }),
  });
  serial.on('data', (chunk: Buffer) => port.emit('data', chunk));
  serial.on('close', () => port.markLost('port closed'));
  serial.on('error', (err) => port.markLost(err.message));
  return port;
}

async function openTcp(spec: string, host: string, portNumber: number): Promise<BytePort> {
  const socket: Socket = connect({ host, port: portNumber });
  // an unreachable controller would otherwise hold the reconnect for the OS's ~2 min
  const giveUp = setTimeout(() => socket.destroy(new Error(`no connection to ${host}:${portNumber} within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
  } finally {
    clearTimeout(giveUp);
  }
  socket.setNoDelay(true);
  // a controller switched off mid-connection is noticed by keepalive, and the connection remade
  socket.setKeepAlive(true, 10_000);
  const port = Object.assign(new Port(spec), {
    write: (bytes: Buffer) => {
      if (!socket.destroyed) socket.write(bytes);
    },
    setBaudRate: () => Promise.resolve(),
    present: () => Promise.resolve(!socket.destroyed),
    close: () =>
      new Promise<void>((resolve) => {
        port.removeAllListeners('lost');
        if (socket.destroyed) resolve();
        else
          socket.end(() => {
            socket.destroy();
            resolve();
          });
      }),
  });
  socket.on('data', (chunk) => port.emit('data', chunk));
  socket.on('close', () => port.markLost('connection closed'));
  socket.on('error', (err) => port.markLost(err.message));
  return port;
}
