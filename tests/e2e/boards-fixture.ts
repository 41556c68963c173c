import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { createVoiceFeature } from '../../server/voice/voice-feature.js';
import { launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { testConfig } from '../helpers/test-config.js';
import { pageErrors } from './calling-kit.js';

export interface BoardsFixture {
  readonly browser: Browser;
  /** a page closed after the test, which must have logged no page error */
  track(page: Page): Page;
  /** the test hall with an optional notice and a voice engine for zone f1 */
  start(notice?: string, voiceEngine?: string): Promise<TestApp>;
  /** a function that runs a window action as that staff member, expecting 200 */
  staffAt(app: TestApp, username: string, windowId: string): Promise<(action: string, body?: object) => Promise<any>>;
}

/** For the calling pages' browser tests (boards, console): one browser per file; each test's pages and server closed after it. */
export function useBoardsFixture(): BoardsFixture {
  let browser: Browser | undefined;
  let app: TestApp | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      expect(pageErrors(p)).toEqual([]);
      await p.close();
    }
    await app?.close();
    app = undefined;
  });
  return {
    get browser() {
      return browser!;
    },
    track(p) {
      pages.push(p);
      return p;
    },
    async start(notice, voiceEngine) {
      const config = testConfig();
      if (notice) config.halls[0]!.notice = notice;
      if (voiceEngine) config.hardware = [{ id: 'voice-f1', kind: 'voice', zoneId: 'f1', engine: voiceEngine }];
      app = await buildTestApp({ config, publicDir: inject('publicDir'), ...(voiceEngine ? { features: [createVoiceFeature()] } : {}) });
      return app;
    },
    async staffAt(a, username, windowId) {
      const token = await a.login(username);
      return async (action, body) => {
        const res = await a.http('POST', `/api/windows/${windowId}/${action}`, { token, ...(body ? { body } : {}) });
        expect(res.status, `${action}: ${res.text}`).toBe(200);
        return res.body;
      };
    },
  };
}
