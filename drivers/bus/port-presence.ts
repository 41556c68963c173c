import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';

export interface PortInfo { path: string }
export type PortLister = () => Promise<PortInfo[]>;

const windowsName = (path: string) => path.replace(/^\\\\\.\\/, '').toUpperCase();

/**
 * Whether a serial port is there now. A device path (`/dev/ttyUSB0`, a pty) is a file and is
 * looked at directly; a Windows port (`COM3`, `\\.\COM12`) is no file, so it is looked up in
 * SerialPort.list(). When the list cannot be had the answer is "there": the port's own close
 * and error events still tell when it goes.
 */
export async function portPresent(path: string, list: PortLister = () => SerialPort.list()): Promise<boolean> {
  if (path.startsWith('/')) return existsSync(path);
  try {
    const name = windowsName(path);
    return (await list()).some((p) => windowsName(p.path) === name);
  } catch {
    return true;
  }
}
