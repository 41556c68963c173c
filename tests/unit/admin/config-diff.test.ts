import { describe, expect, it } from 'vitest';
import { diffConfigs, hallsTouched } from '../../../server/admin/config-diff.js';
import { canonicalConfig } from '../../../server/admin/config-export.js';
import { testConfig } from '../../helpers/test-config.js';

const base = () => canonicalConfig(testConfig());

describe('diffConfigs()', () => {
  it('finds nothing between a configuration and itself', () => {
    expect(diffConfigs(base(), base())).toEqual([]);
  });

  it('names the fields that changed, and what was added or removed, per section', () => {
    const next = base();
    next.services[0]!.name = '改名';
    next.services[0]!.enabled = false;
    next.windows.pop();
    next.departments.push({ id: 'social', name: '人社' });
    next.halls[0]!.notice = '通知';
    expect(diffConfigs(base(), next)).toEqual([
      { section: 'halls', id: next.halls[0]!.id, change: 'changed', fields: ['notice'] },
      { section: 'departments', id: 'social', change: 'added' },
      { section: 'services', id: next.services[0]!.id, change: 'changed', fields: ['name', 'enabled'] },
      { section: 'windows', id: base().windows.at(-1)!.id, change: 'removed' },
    ]);
  });

  it('sees a field that appears or disappears', () => {
    const next = base();
    next.devices[0] = { ...next.devices[0]!, windowId: 'w1' };
    const [entry] = diffConfigs(base(), next);
    expect(entry).toEqual({ section: 'devices', id: next.devices[0]!.id, change: 'changed', fields: ['windowId'] });
  });
});

describe('canonicalConfig()', () => {
  it('writes out every default and leaves out passwords and tokens', () => {
    const c = base();
    expect(c.services.every((s) => s.enabled === true && s.materials === '')).toBe(true);
    expect(c.staff.find((s) => s.id === 's2')).toMatchObject({
      employeeNo: '0201',
      hallId: 'main',
      windowIds: ['w2'],
      substituteWindowIds: ['w1'],
      enabled: true,
    });
    expect(JSON.stringify(c)).not.toMatch(/"password"|"token"/);
  });

  it("infers a staff member's hall from their first window and merges hall policy over the top-level one", () => {
    const raw = testConfig();
    raw.policy = { ageLimitMinutes: 20, priorityBurst: 3 };
    raw.halls[1]!.policy = { priorityBurst: 1 };
    const c = canonicalConfig(raw);
    expect(c.staff.find((s) => s.id === 'sb')!.hallId).toBe('branch');
    expect(c.halls.find((h) => h.id === 'branch')!.policy).toEqual({ ageLimitMinutes: 20, priorityBurst: 1 });
    expect(c.halls.find((h) => h.id === 'main')!.policy).toEqual({ ageLimitMinutes: 20, priorityBurst: 3 });
  });

  it('does not depend on the order of the file for halls, staff and devices', () => {
    const raw = testConfig();
    raw.halls.reverse();
    raw.staff.reverse();
    raw.devices!.reverse();
    expect(diffConfigs(base(), canonicalConfig(raw))).toEqual([]);
  });
});

describe('hallsTouched()', () => {
  const touched = (change: (c: ReturnType<typeof base>) => void) => {
    const next = base();
    change(next);
    return hallsTouched(base(), next, diffConfigs(base(), next)).sort();
  };

  it('a service, window or person of one hall touches that hall only', () => {
    expect(
      touched((c) => {
        c.services.find((s) => s.id === 'invoice')!.name = '发票申领';
      }),
    ).toEqual(['main']);
    expect(
      touched((c) => {
        c.windows.find((w) => w.id === 'bw1')!.name = '分厅 1 号';
      }),
    ).toEqual(['branch']);
    expect(
      touched((c) => {
        c.staff.find((s) => s.id === 'sb')!.name = '周慧敏';
      }),
    ).toEqual(['branch']);
  });

  it('a window moved to the other hall touches both; a department or the hardware touches all', () => {
    expect(
      touched((c) => {
        const w = c.windows.find((x) => x.id === 'w4')!;
        w.hallId = 'branch';
        w.zoneId = 'b1';
      }),
    ).toEqual(['branch', 'main']);
    expect(
      touched((c) => {
        c.departments[0]!.name = '税务局';
      }),
    ).toEqual(['branch', 'main']);
    expect(
      touched((c) => {
        c.buses.push({ id: 'bus9', port: 'COM9' });
      }),
    ).toEqual(['branch', 'main']);
    expect(touched(() => {})).toEqual([]);
  });
});
