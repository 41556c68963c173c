/**
 * Finding a serial port by what the config says: a path (`/dev/ttyUSB0`), a Windows name
 * (`COM3`, any case, with or without `\\.\`), or a USB adapter's serial number, so a board
 * keeps working when Windows gives the adapter another COM number. Ports come from
 * `SerialPort.list()`, never from the file system: `COM3` is no file.
 */
import { SerialPort } from 'serialport';

export interface ListedPort {
  path: string;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
}
export type PortLister = () => Promise<ListedPort[]>;

const normal = (path: string) => {
  const bare = path.replace(/^\\\\\.\\/, '');
  return /^COM\d+$/i.test(bare) ? bare.toUpperCase() : bare;
};

export function isWindowsPortName(path: string): boolean {
  return /^COM\d+$/i.test(normal(path));
}

function names(port: ListedPort, wanted: string): boolean {
  return normal(port.path) === normal(wanted) || port.serialNumber === wanted || port.pnpId === wanted;
}

export interface FoundPort {
  /** what to open */
  path: string;
  /** false: the system does not list it (a pseudo-terminal, a by-id link); it is opened as given */
  listed: boolean;
}

export async function findPort(wanted: string, list: PortLister = () => SerialPort.list()): Promise<FoundPort> {
  const ports = await list().catch(() => []);
  const port = ports.find((p) => names(p, wanted));
  return port ? { path: port.path, listed: true } : { path: normal(wanted), listed: false };
}

/** Whether a port found as listed is still listed (a USB adapter pulled out is not). */
export async function stillListed(wanted: string, list: PortLister = () => SerialPort.list()): Promise<boolean> {
  const ports = await list().catch(() => undefined);
  return ports === undefined || ports.some((p) => names(p, wanted));
}

export interface PortChoice {
  path: string;
  serialNumber?: string;
  manufacturer?: string;
}

/**
 * The serial ports this machine lists, for the console's port picker (a pseudo-terminal or a
 * by-id link is not listed and is typed in). A listing that fails or hangs gives none.
 */
export async function portChoices(
  list: () => Promise<(ListedPort & { manufacturer?: string | undefined })[]> = () => SerialPort.list(),
  timeoutMs = 3000,
): Promise<PortChoice[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<[]>((resolve) => {
    timer = setTimeout(() => resolve([]), timeoutMs);
  });
  const ports = await Promise.race([list().catch(() => []), timeout]).finally(() => clearTimeout(timer));
  return ports
    .map((p) => ({ path: p.path, ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}), ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}) }))
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}
