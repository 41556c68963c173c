import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../server/app/context.js';
import { nameLookup } from '../../../server/supervision/report.js';

/** A year's 差评 list completes thousands of rows at once: each name is read from the store once, not once per row. */
describe('nameLookup', () => {
  it('reads each staff member, window and service once however many rows ask at the same time', async () => {
    const reads: string[] = [];
    const answer =
      <T>(kind: string, value: T) =>
      (id: string) => {
        reads.push(`${kind}:${id}`);
        return Promise.resolve(id === 'gone' ? undefined : value);
      };
    const ctx = {
      store: {
        staff: { get: answer('staff', { name: '王芳' }) },
        halls: { window: answer('window', { name: '1号窗口' }), service: answer('service', { name: '税务登记' }) },
      },
    } as unknown as AppContext;
    const names = nameLookup(ctx);
    const rows = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => ({
        staff: await names.staff(i % 2 ? 'wangfang' : 'gone'),
        window: await names.window('w1'),
        service: await names.service('tax-reg'),
      })),
    );
    expect(rows[0]).toEqual({ staff: 'gone', window: '1号窗口', service: '税务登记' });
    expect(rows[1]).toEqual({ staff: '王芳', window: '1号窗口', service: '税务登记' });
    expect(reads.sort()).toEqual(['service:tax-reg', 'staff:gone', 'staff:wangfang', 'window:w1']);
  });
});
