import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portPresent, type PortLister } from '../../../drivers/bus/port-presence.js';

/** What SerialPort.list() answers on a Windows PC with two USB adapters plugged in. */
const windowsPorts: PortLister = async () => [{ path: 'COM3' }, { path: 'COM12' }];

describe('portPresent (is a bus or printer port there?)', () => {
  it('finds Windows ports by name in SerialPort.list(), whatever the case or the \\\\.\\ prefix', async () => {
    expect(await portPresent('COM3', windowsPorts)).toBe(true);
    expect(await portPresent('com12', windowsPorts)).toBe(true);
    expect(await portPresent('\\\\.\\COM12', windowsPorts)).toBe(true);
    expect(await portPresent('COM4', windowsPorts)).toBe(false);
  });

  it('counts a port as there when the list cannot be had (the port\'s own events still tell a loss)', async () => {
    expect(await portPresent('COM3', async () => { throw new Error('udevadm not found'); })).toBe(true);
  });

  it('looks at a device path itself, without listing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-port-'));
    const fail: PortLister = async () => { throw new Error('must not list'); };
    try {
      writeFileSync(join(dir, 'ttyA'), '');
      expect(await portPresent(join(dir, 'ttyA'), fail)).toBe(true);
      expect(await portPresent(join(dir, 'ttyB'), fail)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
