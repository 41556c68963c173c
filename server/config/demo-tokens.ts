import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from '../app/secrets.js';
import { DEMO_DEVICE_IDS } from './demo-config.js';

/**
 * The demo hall's device tokens: made once, kept beside the database (the database keeps only
 * their hashes) so that the URLs printed at start keep working across restarts.
 */
export function demoTokens(dataDir: string): Record<string, string> {
  const file = join(dataDir, 'demo-device-tokens.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const tokens = Object.fromEntries(DEMO_DEVICE_IDS.map((id) => [id, newToken()]));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  return tokens;
}
