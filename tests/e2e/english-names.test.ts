import { describe, expect, inject, it } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { visitorFeature } from '../../server/visitor/visitor-feature.js';
import { buildTestApp } from '../helpers/test-app.js';
import { testConfig, TOKENS } from '../helpers/test-config.js';
import { kioskPage, PAGE_ERRORS, PHONE, PORTRAIT, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

describe('English names', () => {
  it('the kiosk and the phone page show the English names of hall, departments and services in English mode', async () => {
    const config = testConfig();
    config.halls[0]!.nameEn = 'City Government Service Center';
    config.departments = config.departments.map((d) => (d.id === 'tax' ? { ...d, nameEn: 'Taxation' } : d));
    config.services = config.services.map((s) => (s.id === 'tax-reg' ? { ...s, nameEn: 'Tax registration' } : s));
    const app = fx.serve(await buildTestApp({ config, publicDir: inject('publicDir'), features: [adminFeature, visitorFeature] }));

    const kiosk = await kioskPage(fx.browser, app, PORTRAIT, '&return=60');
    const taxName = kiosk.locator('[data-service-id="tax-reg"] .service-name');
    await expect.poll(() => taxName.textContent()).toBe('税务登记');
    await kiosk.locator('[data-action="language"]').tap();
    await expect.poll(() => taxName.textContent()).toBe('Tax registration');
    expect(await kiosk.locator('.hall-name').textContent()).toBe('City Government Service Center');
    expect(await kiosk.locator('.department-name').allTextContents()).toContain('Taxation');
    // no English name given: the Chinese one, not an empty button
    expect(await kiosk.locator('[data-service-id="invoice"] .service-name').textContent()).toBe('发票领用');

    // an English name set in the administration reaches the kiosk live
    const admin = await app.login('admin');
    const patched = await app.http('PATCH', '/api/admin/services/invoice', { token: admin, body: { nameEn: 'Invoices' } });
    expect(patched.status, patched.text).toBe(200);
    await expect.poll(() => kiosk.locator('[data-service-id="invoice"] .service-name').textContent()).toBe('Invoices');

    await kiosk.locator('[data-service-id="tax-reg"]').tap();
    await kiosk.locator('[data-ticket-number="A001"]').waitFor();
    expect(await kiosk.locator('.ticket-service').textContent()).toContain('Tax registration');
    const statusUrl = (await kiosk.locator('[data-status-url]').getAttribute('data-status-url'))!;

    const phone = await fx.browser.newPage({ viewport: PHONE });
    phone.on('pageerror', (e) => PAGE_ERRORS.push(e.message));
    await phone.goto(`${statusUrl.replace(/^https?:\/\/[^/]+/, app.url)}&lang=en`);
    await expect.poll(() => phone.locator('.card .service').textContent()).toBe('Tax registration');
    await phone.locator('button.lang').click();
    await expect.poll(() => phone.locator('.card .service').textContent()).toBe('税务登记');
    await kiosk.close();
    await phone.close();
  });

  it('an English name is validated like any field: too long is a 400 naming it, and nothing changes', async () => {
    const app = fx.serve(await buildTestApp({ features: [adminFeature] }));
    const admin = await app.login('admin');
    const res = await app.http('PATCH', '/api/admin/departments/tax', { token: admin, body: { name: '税务', nameEn: 'x'.repeat(101) } });
    expect(res.status).toBe(400);
    expect(res.text).toContain('nameEn');
    const ok = await app.http('PATCH', '/api/admin/departments/tax', { token: admin, body: { name: '税务', nameEn: 'Taxation' } });
    expect(ok.status, ok.text).toBe(200);
    const hall = await app.http('GET', '/api/halls/main', { token: TOKENS.kiosk });
    expect(hall.body.departments.find((d: { id: string }) => d.id === 'tax')).toMatchObject({ nameEn: 'Taxation' });
  });
});
