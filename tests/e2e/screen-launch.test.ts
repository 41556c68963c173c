import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPublicDir } from '../helpers/public-dir.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { TOKENS } from '../helpers/test-config.js';

const SCRIPT = join(import.meta.dirname, '..', '..', 'deploy', 'browser', 'hall-queue-screen.sh');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The browser command line deploy/browser/hall-queue-screen.sh would run, without running it. */
function launchLine(mode: 'kiosk' | 'board', url: string, profile: string): string[] {
  const out = execFileSync('bash', [SCRIPT, mode, url], {
    env: { ...process.env, HALLQ_SCREEN_DRY_RUN: '1', HALLQ_BROWSER: CHROMIUM, HALLQ_SCREEN_PROFILE: profile },
    encoding: 'utf8',
  });
  return out.trimEnd().split('\n');
}

/** Chromium started with the script's flags (headless here: --kiosk needs a screen), on its own profile. */
async function launchAsScript(line: string[]): Promise<Browser> {
  const flags = line.slice(1, -1).filter((a) => a !== '--kiosk' && !a.startsWith('--user-data-dir='));
  return chromium.launch({ executablePath: line[0], args: ['--headless', '--no-sandbox', '--disable-gpu', ...flags] });
}

describe('deploy/browser/hall-queue-screen.sh (the kiosk and board launch line)', () => {
  let app: TestApp;
  const profile = mkdtempSync(join(tmpdir(), 'hallq-screen-'));
  beforeAll(async () => {
    app = await buildTestApp({ publicDir: builtPublicDir() });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('starts the kiosk full screen with touch on, no error dialogs, sound without a tap, and the page as given', () => {
    const url = `${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`;
    const line = launchLine('kiosk', url, profile);
    expect(line[0]).toBe(CHROMIUM);
    expect(line).toEqual(
      expect.arrayContaining([
        '--kiosk',
        '--noerrdialogs',
        '--autoplay-policy=no-user-gesture-required',
        '--touch-events=enabled',
        `--user-data-dir=${profile}`,
      ]),
    );
    expect(line.at(-1)).toBe(url);
  });

  it('a kiosk launched with those flags gets a touch screen and shows the services', async () => {
    const browser = await launchAsScript(launchLine('kiosk', 'unused', profile));
    try {
      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`);
      await page.locator('[data-service-id="tax-reg"]').waitFor();
      expect(await page.evaluate(() => 'ontouchstart' in window)).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('a board gets the same flags without the kiosk-only touch ones', () => {
    const line = launchLine('board', 'http://hall/display/hall/?hall=main', profile);
    expect(line).toEqual(expect.arrayContaining(['--kiosk', '--noerrdialogs', '--autoplay-policy=no-user-gesture-required']));
    expect(line).not.toContain('--touch-events=enabled');
  });

  it('refuses to start without a URL, naming what is missing', () => {
    let message = '';
    try {
      execFileSync('bash', [SCRIPT, 'board'], { env: { ...process.env, HALLQ_BROWSER: CHROMIUM }, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      message = String((error as { stderr?: string }).stderr);
    }
    expect(message).toContain('no URL');
  });
});
