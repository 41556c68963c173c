/**
 * `npm run sim -- onbon-bx6k …`: Onbon controllers a person can watch. Prints each board's
 * areas whenever they change (in their colours on a terminal); stdin lines `silent`, `nack [code]`
 * and `answer` script the boards' replies.
 */
import type { ColourName } from './area-text.js';
import { COLOURS } from './area-text.js';
import { errorName } from './commands.js';
import { FAMILIES, type OnbonProtocolName } from './family.js';
import { OnbonSimPort } from './sim-port.js';
import { OnbonSimulator } from './simulator.js';

export interface OnbonSimBoard {
  label: string;
  protocol: OnbonProtocolName;
  address: number;
  width: number;
  height: number;
}

const ANSI: Record<number, string> = Object.fromEntries(
  (Object.keys(COLOURS) as ColourName[]).map((name, i) => [COLOURS[name], `\x1b[${[31, 32, 33, 34, 36, 35, 37][i]}m`]),
);

function render(sim: OnbonSimulator, colour: boolean): string {
  const areas = [...sim.areas.values()].sort((a, b) => a.y - b.y || a.x - b.x);
  if (areas.length === 0) return '  (dark)';
  return areas
    .flatMap((a) =>
      a.runs.map((runs, i) => {
        const text = runs.map((r) => (colour ? `${ANSI[r.colour] ?? ''}${r.text}\x1b[0m` : r.text)).join('');
        return `  ${i === 0 ? `${a.id}` : ' '}│ ${text}`;
      }),
    )
    .join('\n');
}

/** opens the boards on `where` (a serial port, or tcp:PORT) and prints what they show */
export async function simulateOnbon(
  where: string,
  boards: OnbonSimBoard[],
  baudRate: number,
  out: (line: string) => void,
): Promise<{ sims: OnbonSimulator[]; port: OnbonSimPort }> {
  const port = new OnbonSimPort(where, baudRate);
  const colour = process.stdout.isTTY === true;
  const sims = boards.map((b) => {
    const sim = port.add(new OnbonSimulator(FAMILIES[b.protocol], b.address, { width: b.width, height: b.height }));
    sim.onCommand = (r) => {
      if (r.answered) out(`${b.label} answered NACK ${r.answered} (${errorName(r.answered)})`);
      else if (r.command?.kind === 'areas' || r.command?.kind === 'clear') out(`${b.label} ${b.width}×${b.height}\n${render(sim, colour)}`);
      else if (r.command?.kind === 'brightness') out(`${b.label} brightness ${sim.brightness}`);
      else if (r.command?.kind === 'power') out(`${b.label} screen ${sim.on ? 'on' : 'off'}`);
    };
    return sim;
  });
  await port.open();
  return { sims, port };
}

/** `silent`, `nack [code]` (the next command), `answer`: a tester scripts the boards from stdin */
export function scriptBoards(line: string, sims: OnbonSimulator[], out: (line: string) => void): boolean {
  const [word, arg] = line.trim().toLowerCase().split(/\s+/);
  if (word === 'silent') for (const s of sims) s.silent = true;
  else if (word === 'answer')
    for (const s of sims) {
      s.silent = false;
      s.nackNext = 0;
    }
  else if (word === 'nack')
    for (const s of sims) {
      s.nackNext = 1;
      s.nackError = Number(arg ?? 3) || 3;
    }
  else return false;
  out(`boards: ${word}${arg ? ` ${arg}` : ''}`);
  return true;
}
