import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import type { KioskPrinters } from '../../server/printing/kiosk-printers.js';
import { printingFeature } from '../../server/printing/printing-feature.js';
import { visitorFeature } from '../../server/visitor/visitor-feature.js';
import { launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { testConfig, TOKENS } from '../helpers/test-config.js';

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };

/** The test hall (or the given config) with a simulated printer on kiosk-1 and the phone page's live stream, served with the built UI. */
export async function kioskHall(printerInterface = 'simulated', config = testConfig()): Promise<{ app: TestApp; printers: KioskPrinters }> {
  config.hardware = [{ id: 'prn-1', kind: 'printer', interface: printerInterface, kioskId: 'kiosk-1' }];
  let printers: KioskPrinters | undefined;
  const app = await buildTestApp({
    config,
    publicDir: inject('publicDir'),
    features: [
      printingFeature({
        retryMs: 200,
        onReady: (p) => {
          printers = p;
        },
      }),
      visitorFeature,
    ],
  });
  return { app, printers: printers! };
}

/** Uncaught errors of kiosk pages: a test ends by expecting none. */
export const PAGE_ERRORS: string[] = [];

export interface KioskBrowser {
  readonly browser: Browser;
  /** the test's server, closed after it */
  serve<T extends TestApp>(app: T): T;
}

/** For the kiosk and phone pages' browser tests: one browser per file; after each test its server closed and no page error logged. */
export function useKioskBrowser(): KioskBrowser {
  let browser: Browser | undefined;
  let app: TestApp | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    expect(PAGE_ERRORS.splice(0)).toEqual([]);
  });
  return {
    get browser() {
      return browser!;
    },
    serve(a) {
      app = a;
      return a;
    },
  };
}

/** The kiosk page as loaded, its page errors collected in PAGE_ERRORS. */
export async function kioskPage(browser: Browser, app: TestApp, viewport = PORTRAIT, extra = ''): Promise<Page> {
  const page = await browser.newPage({ viewport, hasTouch: true });
  page.on('pageerror', (err) => PAGE_ERRORS.push(err.message));
  await page.goto(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}${extra}`);
  return page;
}

/** The kiosk page once the test hall's services are shown. */
export async function openKiosk(browser: Browser, app: TestApp, viewport = PORTRAIT, extra = ''): Promise<Page> {
  const page = await kioskPage(browser, app, viewport, extra);
  await page.locator('[data-service-id="tax-reg"]').waitFor();
  return page;
}

export const issueAt = (app: TestApp, serviceId: string, token: string = TOKENS.kiosk2) => app.http('POST', '/api/tickets', { token, body: { serviceId } });
