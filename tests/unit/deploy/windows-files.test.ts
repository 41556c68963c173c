import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_OPTIONS } from '../../../drivers/agent/agent-options.js';
import { SERVER_OPTIONS } from '../../../server/cli-options.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** every source file of the server and the agent, to find the environment variables they read */
function sources(dir: string): string {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

const optionsOf = (args: string) => [...args.matchAll(/(?:^|\s)--([a-z-]+)/g)].map((m) => m[1]!);
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
/** the <env> lines WinSW sets, leaving out commented-out ones */
const envOf = (xml: string) =>
  [...xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<env name="([A-Z_]+)" value="([^"]*)"\/>/g)].map((m) => ({ name: m[1]!, value: m[2]! }));
/** the folders install-services.ps1 creates */
const createdDirs = () => [...read('deploy/windows/install-services.ps1').matchAll(/"(C:\\ProgramData\\HallQueue\\[^"]+)"/g)].map((m) => m[1]!);

describe('the Windows service files match the server as it is', () => {
  const server = read('deploy/windows/hall-queue.xml');
  const agent = read('deploy/windows/hall-queue-agent.xml');
  const code = sources('server') + sources('drivers');

  it('start the built server and agent with options they know, in folders the install script makes', () => {
    const serverArgs = tag(server, 'arguments');
    expect(serverArgs).toMatch(/^dist\\server\\main\.js /);
    expect(optionsOf(serverArgs).filter((o) => !(o in SERVER_OPTIONS))).toEqual([]);
    const agentArgs = tag(agent, 'arguments');
    expect(agentArgs).toMatch(/^dist\\drivers\\agent\\main\.js /);
    expect(optionsOf(agentArgs).filter((o) => !(o in AGENT_OPTIONS))).toEqual([]);
    const dataDir = /--data "([^"]+)"/.exec(serverArgs)?.[1];
    const made = createdDirs();
    expect(made).toContain(dataDir);
    expect(made).toContain(tag(server, 'logpath'));
    expect(made).toContain(tag(agent, 'logpath'));
    expect(made).toContain(envOf(server).find((e) => e.name === 'HALLQ_BACKUP_DIR')?.value);
  });

  it('set only environment variables the server or agent reads', () => {
    const names = [...envOf(server), ...envOf(agent)].map((e) => e.name).filter((n) => n.startsWith('HALLQ_'));
    expect(names.length).toBeGreaterThan(2);
    expect(names.filter((n) => !code.includes(n))).toEqual([]);
  });

  it('stop the way the server and agent close cleanly (Ctrl+C is SIGINT for Node)', () => {
    expect(read('server/main.ts')).toContain("process.once('SIGINT'");
    expect(read('drivers/agent/main.ts')).toContain("process.once('SIGINT'");
  });
});

describe('the Windows screen launcher', () => {
  it('starts the browser with the same flags as the Linux one, kiosk and board alike', () => {
    const flags = (text: string) => new Set([...text.matchAll(/(--[a-z-]+)(?:=[^\s")]*)?/g)].map((m) => m[0]).filter((f) => !f.startsWith('--user-data-dir')));
    const linux = flags(
      read('deploy/browser/hall-queue-screen.sh')
        .split('\n')
        .filter((l) => /^\s+(--|args\+=)/.test(l))
        .join(' '),
    );
    const windows = flags(
      read('deploy/browser/hall-queue-screen.cmd')
        .split('\n')
        .filter((l) => /^(set ARGS|if "%MODE%")/.test(l))
        .join(' '),
    );
    expect(linux.size).toBeGreaterThan(10);
    expect([...windows].sort()).toEqual([...linux].sort());
  });
});
