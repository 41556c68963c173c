import { expect } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';

/** Beijing wall-clock time on Monday 2026-11-23 → ISO instant. */
export const at = (hhmm: string, day = '2026-11-23') => new Date(`${day}T${hhmm}:00+08:00`).toISOString();

export interface DaySteps {
  tokens: Record<string, string>;
  step(hhmm: string, method: string, path: string, token: string, body?: unknown): Promise<any>;
  issue(hhmm: string, serviceId: string): Promise<string>;
}

export async function daySteps(app: TestApp): Promise<DaySteps> {
  const tokens: Record<string, string> = { kiosk: TOKENS.kiosk };
  for (const u of ['wangfang', 'zhangmin', 'chenjing', 'liqiang', 'manager']) tokens[u] = await app.login(u);
  const step = async (hhmm: string, method: string, path: string, token: string, body?: unknown) => {
    app.clock.set(at(hhmm));
    const res = await app.http(method, path, { token, ...(body !== undefined ? { body } : {}) });
    expect(res.status, `${hhmm} ${method} ${path}: ${res.text}`).toBeLessThan(300);
    return res.body;
  };
  const issue = async (hhmm: string, serviceId: string) => (await step(hhmm, 'POST', '/api/tickets', TOKENS.kiosk, { serviceId })).id as string;
  return { tokens, step, issue };
}

/**
 * A morning with every kind of step at known times (Beijing):
 * w1 (王芳): A001 wait 10, walk 1, service 8 · A002 wait 18, walk 0, transferred to 发票 · paused 10:23–10:33 ·
 *            C001 wait 29, walk 1, service 12 — rated 5 and 4
 * w3 (张敏): B001 wait 15, no-show · A002 (transferred, second visit) walk 1, service 5 — rated 1 (非常不满意)
 * A003 issued 10:50 and cancelled 10:52; both windows close at 11:00.
 */
export async function scriptedDay(app: TestApp): Promise<Record<string, string>> {
  const { tokens: t, step, issue } = await daySteps(app);
  await step('10:00', 'POST', '/api/windows/w1/open', t.wangfang!);
  await step('10:00', 'POST', '/api/windows/w3/open', t.zhangmin!);
  const ids: Record<string, string> = {};
  ids.A001 = await issue('10:00', 'tax-reg');
  ids.A002 = await issue('10:02', 'tax-reg');
  ids.B001 = await issue('10:04', 'invoice');
  ids.C001 = await issue('10:05', 'license');
  await step('10:10', 'POST', '/api/windows/w1/call-next', t.wangfang!);
  await step('10:11', 'POST', '/api/windows/w1/start', t.wangfang!);
  await step('10:19', 'POST', '/api/windows/w1/finish', t.wangfang!);
  await step('10:19', 'POST', '/api/windows/w3/call-next', t.zhangmin!);
  await step('10:20', 'POST', '/api/windows/w1/call-next', t.wangfang!);
  await step('10:20', 'POST', '/api/windows/w1/start', t.wangfang!);
  await step('10:21', 'POST', '/api/windows/w3/skip', t.zhangmin!);
  await step('10:23', 'POST', '/api/windows/w1/transfer', t.wangfang!, { toServiceId: 'invoice' });
  await step('10:23', 'POST', '/api/windows/w1/pause', t.wangfang!, { reason: '临时离岗' });
  await step('10:33', 'POST', '/api/windows/w1/resume', t.wangfang!);
  await step('10:33', 'POST', '/api/windows/w3/call-next', t.zhangmin!);
  await step('10:34', 'POST', '/api/windows/w3/start', t.zhangmin!);
  await step('10:34', 'POST', '/api/windows/w1/call-next', t.wangfang!);
  await step('10:35', 'POST', '/api/windows/w1/start', t.wangfang!);
  await step('10:39', 'POST', '/api/windows/w3/finish', t.zhangmin!);
  await step('10:40', 'POST', `/api/tickets/${ids.A001}/evaluation`, t.manager!, { level: 5, phoneCallback: true });
  await step('10:41', 'POST', `/api/tickets/${ids.A002}/evaluation`, t.manager!, {
    level: 1,
    tags: ['等候时间长'],
    comment: '等了四十分钟',
    phoneCallback: true,
  });
  await step('10:47', 'POST', '/api/windows/w1/finish', t.wangfang!);
  await step('10:48', 'POST', `/api/tickets/${ids.C001}/evaluation`, t.manager!, { level: 4, phoneCallback: true });
  ids.A003 = await issue('10:50', 'tax-reg');
  await step('10:52', 'POST', `/api/tickets/${ids.A003}/cancel`, t.manager!);
  await step('11:00', 'POST', '/api/windows/w1/close', t.wangfang!);
  await step('11:00', 'POST', '/api/windows/w3/close', t.zhangmin!);
  return { ...ids, managerToken: t.manager! };
}
