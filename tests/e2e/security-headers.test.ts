import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { createAppointmentsFeature } from '../../server/appointments/feature.js';
import { createSupervisionFeature } from '../../server/supervision/feature.js';
import { visitorFeature } from '../../server/visitor/visitor-feature.js';
import { launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { TOKENS } from '../helpers/test-config.js';
import { issue } from '../integration/http/hall-steps.js';

let browser: Browser;
let app: TestApp;
let ticket: { id: string; statusToken: string };
let admin: string;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await buildTestApp({
    publicDir: inject('publicDir'),
    features: [
      visitorFeature,
      adminFeature,
      createAppointmentsFeature({ jobIntervalMs: 3_600_000 }),
      createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 }),
    ],
  });
  ticket = await issue(app, 'tax-reg');
  admin = await app.login('admin');
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const PAGES = () => [
  `/kiosk/?hall=main&token=${TOKENS.kiosk}`,
  `/t/${ticket.id}?token=${ticket.statusToken}`,
  '/book/?hall=main',
  `/display/hall/?hall=main&zone=f1&token=${TOKENS.display}`,
  `/display/window/?window=w1&token=${TOKENS.display}`,
  `/display/monitor/?hall=main&token=${TOKENS.display}`,
  '/staff/',
  '/staff/booking/',
  '/staff/admin/',
  '/staff/monitor/',
  '/staff/reports/',
];

describe('security headers', () => {
  it('every API answer says nosniff, no framing and no referrer; the session cookie is HttpOnly and SameSite', async () => {
    const res = await app.http('GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const login = await app.http('POST', '/api/auth/login', { body: { username: 'manager', password: 'secret123' } });
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; Path=\/; SameSite=Strict/);
    expect(login.headers.get('set-cookie')).not.toMatch(/Secure/); // plain http here; behind TLS it is added
  });

  it("a body with __proto__ is refused by Fastify's own JSON parser", async () => {
    const res = await app.http('POST', '/api/auth/login', { raw: '{"username":"a","password":"b","__proto__":{"x":1}}' });
    expect(res.status).toBe(400);
  });

  it('every page has the CSP and still works in Chromium under it', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'hq_token', value: admin, url: app.url }]);
    // the page's own record of what the policy blocked: read in the page, nothing to wait for in transit
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const path of PAGES()) {
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(`${path}: ${m.text()}`);
      });
      page.on('pageerror', (err) => violations.push(`${path}: ${err.message}`));
      const res = await page.goto(app.url + path);
      expect(res!.headers()['content-security-policy'], path).toContain("script-src 'self'");
      expect(res!.headers()['x-frame-options'], path).toBe('DENY');
      // the page rendered: its app root has content
      await page.waitForFunction(() => (document.getElementById('app')?.children.length ?? 0) > 0);
      // what the first render asked for (fonts, styles, images) has loaded or been refused, and two frames were drawn
      const blocked = await page.evaluate(async () => {
        await document.fonts.ready;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return (window as unknown as { cspViolations: string[] }).cspViolations;
      });
      expect(blocked, path).toEqual([]);
      expect(violations, path).toEqual([]);
      await page.close();
    }
    await context.close();
  });
});
