/**
 * The device agent: the same device host as the server's, on a kiosk or display PC with the
 * hardware attached, talking to the server with an agent device token.
 *   npm run agent -- --server http://hall:3000 --token T --config agent.json
 * The config file: { "hallId": "main", "timezone"?: "Asia/Shanghai", "buses": [...], "hardware": [...] }
 * (the `buses`/`hardware` sections of the hall config, docs/en/configuration.md).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AGENT_OPTIONS } from './agent-options.js';
import pino from 'pino';
import { DeviceHost } from '../host/device-host.js';
import { busDevices, hardwareProblems, type DeviceHostConfig } from '../host/hardware.js';
import { AgentLink } from './agent-link.js';

function readConfig(path: string): DeviceHostConfig {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<DeviceHostConfig>;
  if (typeof raw.hallId !== 'string' || !raw.hallId) throw new Error(`${path}: field hallId is required`);
  if (!Array.isArray(raw.buses)) throw new Error(`${path}: field buses must be an array`);
  if (!Array.isArray(raw.hardware)) throw new Error(`${path}: field hardware must be an array`);
  return { hallId: raw.hallId, buses: raw.buses, hardware: raw.hardware, ...(raw.timezone ? { timezone: raw.timezone } : {}) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: AGENT_OPTIONS });
  const token = values.token ?? process.env.HALLQ_AGENT_TOKEN;
  if (!values.server || !token || !values.config) {
    process.stderr.write('usage: npm run agent -- --server URL --token T --config FILE\n');
    process.exit(2);
  }
  const log = pino({ level: process.env.HALLQ_LOG_LEVEL ?? 'info', base: { module: 'device-agent' } });
  const config = readConfig(values.config);
  for (const problem of hardwareProblems(config)) log.warn(problem);
  const host = new DeviceHost({ config, link: new AgentLink(values.server.replace(/\/$/, ''), token, log), log });
  host.start();
  log.info({ server: values.server, hallId: config.hallId, devices: busDevices(config).length }, 'device agent started');
  const stop = async () => {
    await host.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`device agent: ${(error as Error).message}\n`);
  process.exit(1);
});
