import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Announcer, type AnnouncerHealth } from '../../drivers/voice/announcer.js';
import { EspeakNgPlatform, sayCall } from '../../drivers/voice/say-engine.js';
import { createVoiceOutput } from '../../drivers/voice/voice-output.js';

/** Length in seconds and peak amplitude of a WAV, as sox sees it. */
function soxFacts(file: string): { seconds: number; maxAmplitude: number } {
  const seconds = Number(execFileSync('sox', ['--i', '-D', file], { encoding: 'utf8' }).trim());
  // `sox f -n stat` prints its table on stderr
  const stat = execFileSync('sh', ['-c', 'sox "$1" -n stat 2>&1', 'sh', file], { encoding: 'utf8' });
  const max = /Maximum amplitude:\s+([-\d.]+)/.exec(stat);
  return { seconds, maxAmplitude: Number(max?.[1] ?? 0) };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-voice-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("espeak-ng engine on say's platform base", () => {
  it('exports a call in Mandarin to a WAV file that has length and sound', async () => {
    const platform = new EspeakNgPlatform();
    const file = join(dir, 'call.wav');
    await sayCall(platform, (cb) => platform.export('请 A 零一二 号 到 三 号窗口 办理', null, 1, file, cb));
    const facts = soxFacts(file);
    expect(facts.seconds).toBeGreaterThan(1);
    expect(facts.maxAmplitude).toBeGreaterThan(0.05);
  });

  it('rejects (and does not crash the process) when the program is missing', async () => {
    const platform = new EspeakNgPlatform('/nonexistent/espeak-ng');
    await expect(sayCall(platform, (cb) => platform.export('请', null, 1, join(dir, 'x.wav'), cb))).rejects.toThrow(/ENOENT/);
    await expect(sayCall(platform, (cb) => platform.speak('请', null, 1, cb))).rejects.toThrow(/ENOENT/);
  });
});

describe('Announcer with the real espeak-ng engine (recording to WAV)', () => {
  it('speaks two calls made in quick succession in order, one after the other, each as chime + line twice', async () => {
    const healths: AnnouncerHealth[] = [];
    const announcer = new Announcer({ zoneId: 'f1', output: createVoiceOutput({ engine: 'espeak', recordDir: dir }), onHealth: (h) => healths.push(h) });
    expect((await announcer.start()).status).toBe('online');
    announcer.announce({ number: 'A001', windowNumber: 3, recall: false });
    announcer.announce({ number: 'B002', windowNumber: 12, recall: false });
    await announcer.idle();

    const [first, second] = announcer.history();
    expect([first?.number, second?.number]).toEqual(['A001', 'B002']);
    expect(first?.spoken && second?.spoken).toBe(true);
    expect(second!.startedAt!).toBeGreaterThanOrEqual(first!.endedAt!);
    expect(second?.text).toBe('请 B 零零二 号 到 十二 号窗口 办理');

    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.wav'))
      .sort();
    expect(files).toEqual(['f1-000001-A001-w3.wav', 'f1-000002-B002-w12.wav']);
    const single = join(dir, 'single.wav');
    execFileSync('espeak-ng', ['-v', 'cmn-latn-pinyin', '-w', single, 'qing3 bi4 ling2 ling2 er4 hao4 dao4 shi2 er4 hao4 chuang1 kou3 ban4 li3']);
    const whole = soxFacts(join(dir, files[1]!));
    expect(whole.seconds).toBeGreaterThan(2 * soxFacts(single).seconds + 1); // chime + the line twice
    expect(whole.maxAmplitude).toBeGreaterThan(0.05);
    await announcer.close();
  });

  it('announces a recall again', async () => {
    const announcer = new Announcer({ zoneId: 'f1', output: createVoiceOutput({ engine: 'espeak', recordDir: dir }) });
    await announcer.start();
    announcer.announce({ number: 'A001', windowNumber: 3, recall: false });
    announcer.announce({ number: 'A001', windowNumber: 3, recall: true });
    await announcer.idle();
    expect(announcer.history().map((h) => [h.number, h.recall, h.spoken])).toEqual([
      ['A001', false, true],
      ['A001', true, true],
    ]);
    expect(existsSync(join(dir, 'f1-000002-A001-w3-recall.wav'))).toBe(true);
    await announcer.close();
  });

  it('with a missing engine is degraded from the start, keeps accepting calls and never throws', async () => {
    const healths: AnnouncerHealth[] = [];
    const announcer = new Announcer({
      zoneId: 'f1',
      output: createVoiceOutput({ engine: 'espeak', command: '/nonexistent/espeak-ng', recordDir: dir }),
      onHealth: (h) => healths.push(h),
    });
    const health = await announcer.start();
    expect(health.status).toBe('degraded');
    expect(health.lastError).toMatch(/espeak.*unavailable/);
    announcer.announce({ number: 'A001', windowNumber: 3, recall: false });
    await announcer.idle();
    expect(announcer.history()[0]).toMatchObject({ number: 'A001', spoken: false });
    expect(healths.at(-1)?.status).toBe('degraded');
    await announcer.close();
  });

  it('finds an engine installed after start at the next call, and is online again', async () => {
    const command = join(dir, 'espeak-ng');
    const healths: AnnouncerHealth[] = [];
    const announcer = new Announcer({
      zoneId: 'f1',
      output: createVoiceOutput({ engine: 'espeak', command, recordDir: join(dir, 'out') }),
      recheckAfterMs: 0,
      onHealth: (h) => healths.push(h),
    });
    expect((await announcer.start()).status).toBe('degraded');
    symlinkSync(execFileSync('sh', ['-c', 'command -v espeak-ng'], { encoding: 'utf8' }).trim(), command);
    announcer.announce({ number: 'A001', windowNumber: 3, recall: false });
    await announcer.idle();
    expect(announcer.history()[0]).toMatchObject({ number: 'A001', spoken: true });
    expect(healths.at(-1)?.status).toBe('online');
    await announcer.close();
  });
});
