import { describe, expect, it } from 'vitest';
import { portChoices } from '../../../drivers/bus/port-finder.js';

describe("portChoices() for the console's port picker", () => {
  it("lists ports in the order people count them, with the adapter's serial number and maker", async () => {
    const ports = await portChoices(async () => [
      { path: 'COM10' },
      { path: 'COM2', serialNumber: 'FT232-A10KX3FZ', manufacturer: 'FTDI' },
      { path: 'COM1', pnpId: 'ACPI\\PNP0501\\1' },
    ]);
    expect(ports).toEqual([{ path: 'COM1' }, { path: 'COM2', serialNumber: 'FT232-A10KX3FZ', manufacturer: 'FTDI' }, { path: 'COM10' }]);
  });

  it('gives none when the listing fails or hangs, instead of holding the console', async () => {
    expect(await portChoices(() => Promise.reject(new Error('udev gone')))).toEqual([]);
    expect(await portChoices(() => new Promise(() => {}), 50)).toEqual([]);
  });
});
