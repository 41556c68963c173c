import { describe, expect, it } from 'vitest';
import { findPort, isWindowsPortName, stillListed, type ListedPort } from '../../../drivers/bus/port-finder.js';

const windows: ListedPort[] = [{ path: 'COM1' }, { path: 'COM3', serialNumber: 'A10KX3FZ', pnpId: 'FTDIBUS\\VID_0403+PID_6001+A10KX3FZA\\0000' }];
const linux: ListedPort[] = [{ path: '/dev/ttyS0' }, { path: '/dev/ttyUSB0', serialNumber: 'A10KX3FZ' }];
const lister = (ports: ListedPort[]) => async () => ports;

describe('finding a serial port by SerialPort.list()', () => {
  it('finds COM3 whatever its case or \\\\.\\ prefix', async () => {
    expect(await findPort('com3', lister(windows))).toEqual({ path: 'COM3', listed: true });
    expect(await findPort('\\\\.\\COM3', lister(windows))).toEqual({ path: 'COM3', listed: true });
    expect(isWindowsPortName('com12')).toBe(true);
    expect(isWindowsPortName('/dev/ttyUSB0')).toBe(false);
  });

  it('finds a USB adapter by its serial number when Windows gave it another COM number', async () => {
    expect(await findPort('A10KX3FZ', lister([{ path: 'COM7', serialNumber: 'A10KX3FZ' }]))).toEqual({ path: 'COM7', listed: true });
    expect(await findPort('A10KX3FZ', lister(linux))).toEqual({ path: '/dev/ttyUSB0', listed: true });
  });

  it('opens an unlisted path as given (a socat pty, a /dev/serial/by-id link), and a COM port not plugged in yet', async () => {
    expect(await findPort('/tmp/hallq-pty/A', lister(linux))).toEqual({ path: '/tmp/hallq-pty/A', listed: false });
    expect(await findPort('COM4', lister(windows))).toEqual({ path: 'COM4', listed: false });
    expect(
      await findPort('COM4', async () => {
        throw new Error('no udevadm');
      }),
    ).toEqual({ path: 'COM4', listed: false });
  });

  it('tells when a listed port has left the list, and keeps a port when the list cannot be read', async () => {
    expect(await stillListed('COM3', lister(windows))).toBe(true);
    expect(await stillListed('COM3', lister([{ path: 'COM1' }]))).toBe(false);
    expect(
      await stillListed('COM3', async () => {
        throw new Error('busy');
      }),
    ).toBe(true);
  });
});
