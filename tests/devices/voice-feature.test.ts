import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../server/contract/events.js';
import { createVoiceFeature } from '../../server/voice/voice-feature.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { testConfig, TOKENS } from '../helpers/test-config.js';

let app: TestApp | undefined;
let dir: string | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function configWithVoice(f1: Record<string, unknown>) {
  const config = testConfig();
  config.hardware = [
    { id: 'voice-f1', kind: 'voice', zoneId: 'f1', ...f1 },
    { id: 'voice-f2', kind: 'voice', zoneId: 'f2', engine: 'browser' },
  ];
  return config;
}

async function callAtWindow1(a: TestApp, times = 1): Promise<string> {
  const staff = await a.login('wangfang');
  expect((await a.http('POST', '/api/windows/w1/open', { token: staff })).status).toBe(200);
  for (let i = 0; i < times; i++) {
    expect((await a.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } })).status).toBe(201);
  }
  const called = await a.http('POST', '/api/windows/w1/call-next', { token: staff });
  expect(called.status).toBe(200);
  return staff;
}

describe('voice feature', () => {
  it('with a missing engine reports the zone voice degraded, and the call still reaches the boards', async () => {
    const voice = createVoiceFeature({ command: '/nonexistent/espeak-ng' });
    app = await buildTestApp({ config: configWithVoice({ engine: 'espeak' }), features: [voice] });
    const snapshot = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    expect(snapshot.body.devices).toContainEqual(expect.objectContaining({ id: 'voice-f1', kind: 'voice', status: 'degraded' }));

    const board = app.socket(TOKENS.display);
    const events: HallEvent[] = [];
    board.on('event', (e) => events.push(e));
    await new Promise((resolve) => board.emit('subscribe', { hallId: 'main', zoneId: 'f1', sinceSeq: snapshot.body.seq }, resolve));
    await callAtWindow1(app);
    await expect.poll(() => events.find((e) => e.type === 'ticket.called')?.data).toMatchObject({ number: 'A001', windowNumber: 1 });
    await voice.announcer('f1')!.idle();
    expect(voice.announcer('f1')!.history()[0]).toMatchObject({ number: 'A001', spoken: false });
  });

  it("announces each call and recall in the call's zone, using the hall's template", async () => {
    dir = mkdtempSync(join(tmpdir(), 'hallq-voice-feature-'));
    const voice = createVoiceFeature();
    app = await buildTestApp({ config: configWithVoice({ engine: 'espeak', recordDir: dir }), features: [voice] });
    const staff = await callAtWindow1(app);
    expect((await app.http('POST', '/api/windows/w1/recall', { token: staff })).status).toBe(200);
    const announcer = voice.announcer('f1')!;
    await expect.poll(() => announcer.history().length).toBe(2);
    expect(announcer.history().map((h) => [h.text, h.recall, h.spoken])).toEqual([
      ['请 A 零零一 号 到 一 号窗口 办理', false, true],
      ['请 A 零零一 号 到 一 号窗口 办理', true, true],
    ]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.wav'))).toHaveLength(2);
    const snapshot = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    expect(snapshot.body.devices).toContainEqual(expect.objectContaining({ id: 'voice-f1', status: 'online' }));
  });

  it('tells a hall board whether it speaks itself (engine browser), with the template and the chime', async () => {
    app = await buildTestApp({ config: configWithVoice({ engine: 'simulated' }), features: [createVoiceFeature()] });
    const f2 = await app.http('GET', '/api/halls/main/voice?zoneId=f2', { token: TOKENS.display });
    expect(f2.body).toMatchObject({ speaker: 'browser', template: '请 {number} 号 到 {window} 号窗口 办理', chimeUrl: '/api/voice/chime.wav' });
    const f1 = await app.http('GET', '/api/halls/main/voice?zoneId=f1', { token: TOKENS.display });
    expect(f1.body).toMatchObject({ speaker: 'server', engine: 'simulated' });
    expect((await app.http('GET', '/api/halls/main/voice?zoneId=b1', { token: TOKENS.display })).status).toBe(404);
    expect((await app.http('GET', '/api/halls/main/voice', { token: TOKENS.display })).status).toBe(400);
    const chime = await fetch(app.url + '/api/voice/chime.wav');
    expect(chime.headers.get('content-type')).toBe('audio/wav');
    expect((await chime.arrayBuffer()).byteLength).toBeGreaterThan(20_000);
  });

  it("announces a call of another floor with the floor, in a zone set to carry that floor's calls", async () => {
    const config = testConfig();
    config.halls[0]!.zones = [
      { id: 'f1', name: '一楼', announceFrom: ['f2'] },
      { id: 'f2', name: '二楼' },
    ];
    config.hardware = [
      { id: 'voice-f1', kind: 'voice', zoneId: 'f1', engine: 'simulated' },
      { id: 'voice-f2', kind: 'voice', zoneId: 'f2', engine: 'simulated' },
    ];
    const voice = createVoiceFeature();
    app = await buildTestApp({ config, features: [voice] });
    const staff = await app.login('chenjing');
    expect((await app.http('POST', '/api/windows/w4/open', { token: staff })).status).toBe(200);
    expect((await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'license' } })).status).toBe(201);
    expect((await app.http('POST', '/api/windows/w4/call-next', { token: staff })).status).toBe(200);
    await expect
      .poll(() =>
        voice
          .announcer('f1')!
          .history()
          .map((h) => h.text),
      )
      .toEqual(['请 C 零零一 号 到 二楼 四 号窗口 办理']);
    await expect
      .poll(() =>
        voice
          .announcer('f2')!
          .history()
          .map((h) => h.text),
      )
      .toEqual(['请 C 零零一 号 到 四 号窗口 办理']);
  });
});
