import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { progress } from './lib/table.js';
import { SUITES } from './suites.js';

/**
 * `npm run bench`: every suite of bench/suites.ts in turn, a table each on stdout, and all the
 * figures with the machine they were measured on in bench/results/latest.json.
 */
const RESULTS = fileURLToPath(new URL('./results/latest.json', import.meta.url));

function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    // Other processes share the CPUs and the disk: the figures are only as quiet as the machine.
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}

const onlyAt = process.argv.indexOf('--only');
const onlyNames = onlyAt < 0 ? undefined : (process.argv[onlyAt + 1] ?? '').split(',');

/** `--only name,name` runs a subset; the other suites' figures in the file are kept. */
function previousSuites(): Record<string, unknown> {
  if (!onlyNames || !existsSync(RESULTS)) return {};
  return (JSON.parse(readFileSync(RESULTS, 'utf8')) as { suites?: Record<string, unknown> }).suites ?? {};
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machineAtStart = machine();
  const suites = previousSuites();
  let failed = 0;
  for (const suite of SUITES.filter((s) => (onlyNames ? onlyNames.includes(s.name) : !s.optional))) {
    const t0 = Date.now();
    progress(`suite ${suite.name}`);
    try {
      suites[suite.name] = { ...(await suite.run()), seconds: Math.round((Date.now() - t0) / 100) / 10, at: new Date(t0).toISOString() };
    } catch (err) {
      failed += 1;
      suites[suite.name] = { error: err instanceof Error ? err.message : String(err) };
      process.stderr.write(`\nsuite ${suite.name} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    }
  }
  const unmet = Object.values(suites).flatMap((s) =>
    ((s as { targets?: { target: string; met: boolean }[] }).targets ?? []).filter((t) => !t.met).map((t) => t.target),
  );
  const result = {
    date: startedAt.toISOString(),
    seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { ...machineAtStart, loadAverage1mAtEnd: machine().loadAverage1m },
    allTargetsMet: failed === 0 && unmet.length === 0,
    unmetTargets: unmet,
    suites,
  };
  mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  writeFileSync(`${RESULTS}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(`${RESULTS}.tmp`, RESULTS);
  const verdict = failed ? `${failed} suite(s) failed` : unmet.length ? `targets not met: ${unmet.join('; ')}` : 'all targets met';
  process.stdout.write(`\n${verdict} · ${result.seconds} s · written ${RESULTS}\n`);
  // A bench that could not run is an error; a missed target is a finding, reported above.
  process.exitCode = failed ? 1 : 0;
}

void main();
