/**
 * The one child process that masters every HQ-485 port of this process (bus-child.ts), started
 * with the first bus and ended after the last one closes. Each SerialBus joins under a key of
 * its own and gets the messages addressed to it.
 *
 * A process, not a worker thread: @serialport/bindings-cpp 13 watches a port with a uv_poll on
 * the default loop (the main thread's) and, on Windows, completes reads and writes there too,
 * so a port opened in a worker is still serviced by the main thread — and the callback enters
 * the worker's JavaScript from the wrong thread, which aborts Node.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FromBusProcess, ToBusProcess } from './bus-wire.js';

export interface BusProcessMember {
  onMessage(message: FromBusProcess): void;
  /** the bus process ended without being asked (a bug in it, killed): whatever it was doing is lost */
  onProcessLost(reason: string): void;
}

let child: ChildProcess | undefined;
const members = new Map<number, BusProcessMember>();
let nextKey = 1;

/**
 * Built (`npm run serve` runs dist/): the compiled bus-child.js beside this file. From the TS
 * sources (tsx, vitest) there is none: the child runs the source through tsx's loader.
 */
function spawnChild(): ChildProcess {
  const built = fileURLToPath(new URL('./bus-child.js', import.meta.url));
  if (existsSync(built)) return fork(built, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const source = fileURLToPath(new URL('./bus-child.ts', import.meta.url));
  if (!existsSync(source)) throw new Error(`the bus process's bus-child.js is missing beside ${fileURLToPath(import.meta.url)}`);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return fork(source, [], { execArgv: ['--import', tsx], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function busProcess(): ChildProcess {
  if (child) return child;
  const c = spawnChild();
  child = c;
  c.on('message', (m: FromBusProcess) => members.get(m.bus)?.onMessage(m));
  const lost = (reason: string) => {
    if (child !== c) return;
    child = undefined;
    for (const member of [...members.values()]) member.onProcessLost(reason);
  };
  c.on('error', (error) => lost(`bus process failed: ${error.message}`));
  c.on('exit', (code, signal) => lost(`bus process exited (${signal ?? code})`));
  return c;
}

/** @returns the member's key, the `bus` of its messages */
export function joinBusProcess(member: BusProcessMember): number {
  const key = nextKey++;
  members.set(key, member);
  return key;
}

export function postToBusProcess(message: ToBusProcess): void {
  const c = busProcess();
  if (c.connected) c.send(message);
}

/** the bus process's pid while it runs (tests, diagnostics) */
export function busProcessPid(): number | undefined {
  return child?.pid;
}

/** The member is gone; the last one out ends the process (it exits when its channel closes). */
export function leaveBusProcess(key: number): void {
  members.delete(key);
  if (members.size > 0 || !child) return;
  const c = child;
  child = undefined;
  if (c.connected) c.disconnect();
}
