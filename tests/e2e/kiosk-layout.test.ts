import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { HallConfig } from '../../server/config/schema.js';
import { keepScreenshot } from '../helpers/browser.js';
import { buildTestApp } from '../helpers/test-app.js';
import { testConfig, TOKENS } from '../helpers/test-config.js';
import { kioskPage, LANDSCAPE, PORTRAIT, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

const NAMES = [
  '税务登记',
  '发票领用',
  '社保缴费',
  '医保报销',
  '营业执照',
  '食品经营许可',
  '公积金提取',
  '不动产登记',
  '户籍迁移',
  '出入境证件',
  '车辆年审',
  '驾驶证换证',
  '婚姻登记',
  '残疾人证',
  '养老认证',
  '综合咨询',
];

/** A big hall: 16 services in 5 departments (4, 4, 3, 3, 2), every one served by an open window. */
function bigHall(): HallConfig {
  const config = testConfig();
  const departments = ['tax', 'social', 'market', 'police', 'civil'];
  const sizes = [4, 4, 3, 3, 2];
  config.departments = [...departments.map((id, i) => ({ id, name: ['税务', '人社医保', '市场监管', '公安', '民政'][i]! })), { id: 'realty', name: '不动产' }];
  const services: HallConfig['services'] = [];
  sizes.forEach((n, d) => {
    for (let k = 0; k < n; k++) {
      const i = services.length;
      services.push({
        id: `s${i + 1}`,
        name: NAMES[i]!,
        prefix: String.fromCharCode(65 + i),
        departmentId: departments[d]!,
        hallId: 'main',
        avgServiceMinutes: 10,
      });
    }
  });
  config.services = [...services, config.services.find((s) => s.hallId === 'branch')!];
  config.windows = config.windows.map((w) => (w.hallId === 'main' ? { ...w, serviceIds: services.map((s) => s.id) } : w));
  return config;
}

async function openBigKiosk(viewport: { width: number; height: number }): Promise<Page> {
  const app = fx.serve(await buildTestApp({ config: bigHall(), publicDir: inject('publicDir') }));
  for (const w of ['w1', 'w2']) await app.http('POST', `/api/windows/${w}/open`, { token: await app.login(w === 'w1' ? 'wangfang' : 'liqiang') });
  const page = await kioskPage(fx.browser, app, viewport);
  await page.locator('[data-service-id="s16"]').waitFor({ state: 'attached' });
  return page;
}

/** Ids of the service buttons wholly on screen and not under the footer or a cue. */
async function fullyVisible(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const board = document.querySelector('.board')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('[data-service-id]')]
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.top >= board.top - 1 && r.bottom <= board.bottom + 1 && r.left >= 0 && r.right <= window.innerWidth + 1;
      })
      .map((b) => b.dataset.serviceId!);
  });
}

/**
 * Every service is either on screen at once, or a visible cue says there is more and tapping it
 * brings the rest on screen.
 */
async function expectAllReachable(page: Page, name: string): Promise<{ atOnce: number }> {
  const all = await page.locator('[data-service-id]').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.serviceId!));
  expect(all).toHaveLength(16);
  const seen = new Set(await fullyVisible(page));
  const atOnce = seen.size;
  await keepScreenshot(page, name);
  for (let step = 0; seen.size < all.length && step < 10; step++) {
    const cue = page.locator('[data-action="more-services"]');
    // the cue follows the layout a frame later (it measures in a ResizeObserver and on scroll): wait for it
    const hidden = all.filter((s) => !seen.has(s)).join(',');
    await cue.waitFor({ state: 'visible' }).catch(() => expect.fail(`services hidden without a cue: ${hidden}`));
    // read where the list stands before the tap: read after it, a scroll already done would be waited for in vain
    const before = await page.locator('.board').evaluate((b) => {
      // the end of the smooth scroll, listened for before it can start
      (window as unknown as { scrolled: Promise<unknown> }).scrolled = new Promise((r) => b.addEventListener('scrollend', r, { once: true }));
      return b.scrollTop;
    });
    await cue.tap();
    await page.waitForFunction((top) => document.querySelector('.board')!.scrollTop > top, before);
    await page.evaluate(() => (window as unknown as { scrolled: Promise<unknown> }).scrolled);
    for (const id of await fullyVisible(page)) seen.add(id);
  }
  expect([...all].filter((s) => !seen.has(s))).toEqual([]);
  return { atOnce };
}

describe('kiosk: every service of a big hall is reachable', () => {
  it('at 1920×1080 landscape, using the width', async () => {
    const page = await openBigKiosk(LANDSCAPE);
    const { atOnce } = await expectAllReachable(page, 'kiosk-16-services-landscape');
    expect(atOnce).toBeGreaterThanOrEqual(9);
    await page.close();
  });

  it('at 1080×1920 portrait', async () => {
    const page = await openBigKiosk(PORTRAIT);
    const { atOnce } = await expectAllReachable(page, 'kiosk-16-services-portrait');
    expect(atOnce).toBeGreaterThanOrEqual(10);
    await page.close();
  });

  for (const viewport of [LANDSCAPE, PORTRAIT]) {
    it(`in 大字模式 at ${viewport.width}×${viewport.height}`, async () => {
      const page = await openBigKiosk(viewport);
      await page.locator('[data-action="large-mode"]').tap();
      await expect.poll(() => page.locator('.kiosk').getAttribute('data-large')).toBe('true');
      await expectAllReachable(page, `kiosk-16-services-large-${viewport.width}`);
      await page.close();
    });
  }
});

describe('kiosk: state at a glance', () => {
  it('greys out the service buttons while the server cannot be reached', async () => {
    const app = fx.serve(await buildTestApp({ publicDir: inject('publicDir') }));
    const page = await fx.browser.newPage({ viewport: PORTRAIT, hasTouch: true });
    await page.goto(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`);
    const button = page.locator('[data-service-id="tax-reg"]');
    await button.waitFor();
    const opacity = () => button.evaluate((b) => Number(getComputedStyle(b).opacity));
    expect(await opacity()).toBe(1);
    await app.stop();
    await page.locator('[data-offline="true"][role="alert"]').waitFor();
    expect(await button.isDisabled()).toBe(true);
    expect(await opacity()).toBeLessThan(0.6);
    await page.close();
  });

  it("shows the hall's time, not the kiosk PC's time zone", async () => {
    const app = fx.serve(await buildTestApp({ publicDir: inject('publicDir') }));
    const page = await fx.browser.newPage({ viewport: PORTRAIT, timezoneId: 'America/New_York' });
    await page.goto(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`);
    const clock = page.locator('.clock[data-time-zone]');
    await clock.waitFor();
    const beijing = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
    const now = Date.now();
    // the clock ticks every 10 s: it shows this minute or, just after a minute turned, the last
    expect([beijing(now), beijing(now - 15_000)]).toContain(await clock.textContent());
    await page.close();
  });

  it('says when no window serves a service now, and gives a range once one is open', async () => {
    const app = fx.serve(await buildTestApp({ publicDir: inject('publicDir') }));
    for (let i = 0; i < 5; i++) await app.http('POST', '/api/tickets', { token: TOKENS.kiosk2, body: { serviceId: 'tax-reg' } });
    const page = await fx.browser.newPage({ viewport: PORTRAIT });
    await page.goto(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`);
    const wait = page.locator('[data-service-id="license"] [data-wait]');
    await expect.poll(() => wait.getAttribute('data-wait')).toBe('no-window');
    expect(await wait.textContent()).toBe('暂无窗口办理，开窗后按顺序叫号');
    await app.http('POST', '/api/windows/w1/open', { token: await app.login('wangfang') });
    await expect.poll(() => wait.getAttribute('data-wait')).toBe('range');
    // five tax tickets that window 1 calls first: a range, not 无需等候
    expect(await wait.textContent()).toMatch(/^约 \d+–\d+ 分钟$/);
    await page.locator('[data-service-id="license"]').click();
    await expect.poll(() => page.locator('[data-waiting-ahead]').getAttribute('data-waiting-ahead')).toBe('5');
    await page.close();
  });
});
