import { describe, expect, it } from 'vitest';
import { otherZoneName, windowPlacesText } from '../../../server/domain/window-places.js';

const zones = [
  { id: 'f1', name: '一楼' },
  { id: 'f2', name: '二楼' },
];

describe('windowPlacesText()', () => {
  it("names the floor of windows in another zone than the kiosk's, its own zone first", () => {
    expect(
      windowPlacesText(
        [
          { number: 9, zoneId: 'f2' },
          { number: 1, zoneId: 'f1' },
          { number: 10, zoneId: 'f2' },
        ],
        zones,
        'f1',
      ),
    ).toBe('1号窗口，二楼 9、10号窗口');
  });

  it("names no floor when every window is in the kiosk's zone", () => {
    expect(
      windowPlacesText(
        [
          { number: 2, zoneId: 'f1' },
          { number: 1, zoneId: 'f1' },
        ],
        zones,
        'f1',
      ),
    ).toBe('1、2号窗口');
  });

  it('for a kiosk with no zone, names floors only when the windows span several', () => {
    expect(windowPlacesText([{ number: 1, zoneId: 'f1' }], zones, null)).toBe('1号窗口');
    expect(
      windowPlacesText(
        [
          { number: 1, zoneId: 'f1' },
          { number: 4, zoneId: 'f2' },
        ],
        zones,
        null,
      ),
    ).toBe('一楼 1号窗口，二楼 4号窗口');
  });
});

describe('otherZoneName()', () => {
  it("is the window's zone when it differs from the visitor's, else nothing", () => {
    expect(otherZoneName('f2', zones, 'f1')).toBe('二楼');
    expect(otherZoneName('f1', zones, 'f1')).toBeUndefined();
    expect(otherZoneName('f2', zones, null)).toBeUndefined();
  });
});
