import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceHostFeature } from '../../drivers/host/feature.js';
import { SimPort } from '../../drivers/bus/sim-port.js';
import { EvaluatorSimulator } from '../../drivers/evaluator/simulator.js';
import { KeypadSimulator } from '../../drivers/keypad/simulator.js';
import { createSupervisionFeature } from '../../server/supervision/feature.js';
import { LedSimulator } from '../../drivers/led/simulator.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';
import { testConfig, TOKENS } from '../helpers/test-config.js';

describe('device agent in its own process', () => {
  let pty: PtyPair;
  let app: TestApp;
  let agent: ChildProcess;
  let dir: string;
  let port: SimPort;
  let board: LedSimulator;
  let keypad: KeypadSimulator;
  let keypadW2: KeypadSimulator;
  let evaluatorW2: EvaluatorSimulator;
  const output: string[] = [];

  beforeEach(async () => {
    pty = await openPtyPair();
    port = new SimPort(pty.b);
    board = port.add(new LedSimulator(16, 4));
    keypad = port.add(new KeypadSimulator(35));
    keypadW2 = port.add(new KeypadSimulator(36));
    evaluatorW2 = port.add(new EvaluatorSimulator(68));
    await port.open();
    // the server runs the device host feature for its health route; it drives no hardware itself
    // and accepts health only for the hardware its config gives to this agent
    const hardware = [
      { id: 'led-hall', kind: 'led' as const, busId: 'bus1', address: 16, zoneId: 'f1', lines: 4 },
      { id: 'key-w1', kind: 'keypad' as const, busId: 'bus1', address: 35, windowId: 'w1' },
      { id: 'key-w2', kind: 'keypad' as const, busId: 'bus1', address: 36, windowId: 'w2' },
      { id: 'eval-w2', kind: 'evaluator' as const, busId: 'bus1', address: 68, windowId: 'w2' },
    ];
    app = await buildTestApp({
      features: [deviceHostFeature(), createSupervisionFeature()],
      config: { ...testConfig(), hardware: hardware.map((h) => ({ ...h, agentId: 'agent-1' })) },
    });
    dir = mkdtempSync(join(tmpdir(), 'hallq-agent-'));
    const config = join(dir, 'agent.json');
    writeFileSync(
      config,
      JSON.stringify({
        hallId: 'main',
        buses: [{ id: 'bus1', port: pty.a }],
        hardware,
      }),
    );
    output.length = 0;
    agent = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['drivers/agent/main.ts', '--server', app.url, '--token', TOKENS.agent, '--config', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HALLQ_LOG_LEVEL: process.env.AGENT_LOG ?? 'info' },
    });
    agent.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
    agent.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await waitFor(() => output.some((l) => l.includes('subscribed to hall')), 'agent subscribed');
  });

  afterEach(async () => {
    if (agent.exitCode === null) {
      const exited = new Promise((resolve) => agent.once('exit', resolve));
      agent.kill('SIGTERM');
      await exited;
    }
    await app.close();
    await port.close();
    await pty.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("drives the hall board from the server's events and reports its health", async () => {
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });
    await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    await waitFor(() => board.shows()[0] === 'A001 请到1号窗口', 'board shows A001');
    await waitFor(async () => {
      const snap = await app.http('GET', '/api/halls/main/snapshot', { token: staff });
      // degraded (it answered, after a retry) when this test process stalled on a login's scrypt
      return snap.body.devices.some((d: { id: string; status: string }) => d.id === 'led-hall' && ['online', 'degraded'].includes(d.status));
    }, 'led-hall reachable in the snapshot');
  });

  it("a keypad NEXT on the agent's bus calls through the API", async () => {
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });
    keypad.press('NEXT');
    await waitFor(() => keypad.display.current === 'A001', 'keypad shows A001');
    await waitFor(() => board.shows()[0] === 'A001 请到1号窗口', 'board shows A001');
  });

  it('catches up with sinceSeq after the server drops it', async () => {
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });
    app.server.gateway.disconnectPrincipal('agent-1');
    await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    await waitFor(() => output.some((l) => /"replayed":[1-9]/.test(l)), 'agent resubscribed with sinceSeq and got the missed events');
    await waitFor(() => board.shows()[0] === 'A001 请到1号窗口', 'board shows the call it missed');
  });

  it('a keypad acts for the person signed in on it: window, ticket and follow-up carry the staffId', async () => {
    const manager = await app.login('manager');
    const ticket = (await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } })).body as { id: string; number: string };
    const w2 = async () => (await app.http('GET', '/api/windows/w2', { token: manager })).body;

    // nobody is on duty at the closed w2: the keypad refuses and says why
    keypadW2.press('RESUME');
    await waitFor(() => keypadW2.message === '请先签到', 'keypad says 请先签到');
    expect((await w2()).status).toBe('closed');
    keypadW2.press('LOGIN:7777');
    await waitFor(() => keypadW2.message === '工号无效', 'keypad says 工号无效');

    // 李强 (w2's A岗) signs in with his employee number: the window is his
    keypadW2.press('LOGIN:0201');
    await waitFor(async () => (await w2()).status === 'open', 'w2 open');
    expect(await w2()).toMatchObject({ staffId: 's2' });
    await waitFor(() => keypadW2.message === '', 'refusal message cleared');

    keypadW2.press('NEXT');
    await waitFor(() => keypadW2.display.current === ticket.number, 'keypad shows the called number');
    keypadW2.press('START');
    keypadW2.press('FINISH');
    await waitFor(() => evaluatorW2.asking === ticket.number, 'evaluator asks about the finished ticket');
    evaluatorW2.rate(2);
    await waitFor(async () => (await app.server.store.evaluations.get(ticket.id)) !== undefined, 'rating recorded');

    expect(await app.server.store.tickets.get(ticket.id)).toMatchObject({ status: 'done', staffId: 's2', windowId: 'w2' });
    expect(await app.server.store.evaluations.get(ticket.id)).toMatchObject({ level: 2, staffId: 's2' });
    const followUps = (await app.http('GET', '/api/supervision/halls/main/followups', { token: manager })).body as {
      ticketId: string;
      staffId: string | null;
    }[];
    expect(followUps.find((f) => f.ticketId === ticket.id)).toMatchObject({ staffId: 's2' });
    const snap = (await app.http('GET', '/api/halls/main/snapshot', { token: manager })).body;
    expect(snap.windows.find((w: { id: string }) => w.id === 'w2')).toMatchObject({ staffName: '李强' });

    // 签退: the window closes, and the keypad refuses again until someone signs in
    keypadW2.press('LOGOUT');
    await waitFor(async () => (await w2()).status === 'closed', 'w2 closed after 签退');
    keypadW2.press('NEXT');
    await waitFor(() => keypadW2.message === '请先签到', 'keypad refuses after 签退');
  });
});
