import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardwareProblems } from '../../../drivers/host/hardware.js';
import { loadConfigFile } from '../../../server/config/load-config.js';
import { projectPath } from '../../../server/project-path.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { MONDAY_10AM } from '../../helpers/test-config.js';

/** The example a hall's IT person starts from (docs/en/configuration.md, docs/zh-CN/configuration.md) must be a config the server takes. */
const EXAMPLE = projectPath('examples', 'hall.json');

describe('examples/hall.json', () => {
  const config = loadConfigFile(EXAMPLE);
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp({ config, now: MONDAY_10AM });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('loads with the real config loader and its hardware has no problems', () => {
    expect(config.halls.map((h) => h.id)).toEqual(['main']);
    expect(hardwareProblems({ buses: config.buses ?? [], hardware: config.hardware ?? [] })).toEqual([]);
  });

  it('seeds a server on which its kiosk issues a ticket and its staff log in', async () => {
    const kiosk = config.devices!.find((d) => d.kind === 'kiosk')!;
    const issued = await app.http('POST', '/api/tickets', { token: kiosk.token, body: { serviceId: 'tax-reg' } });
    expect(issued.status).toBe(201);
    expect(issued.body.number).toBe('A001');
    const staff = config.staff.find((s) => s.username === 'wangfang')!;
    const token = await app.login(staff.username, staff.password);
    const opened = await app.http('POST', '/api/windows/w1/open', { token });
    expect(opened.status).toBe(200);
  });

  it('holds every section the configuration reference documents', () => {
    const raw = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(['buses', 'departments', 'devices', 'halls', 'hardware', 'limits', 'services', 'staff', 'windows']);
  });
});
