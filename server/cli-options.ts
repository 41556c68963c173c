/**
 * The server's command-line options (`node dist/server/main.js …`), apart from main.ts so that
 * the service files in deploy/ can be checked against them.
 */
export const SERVER_OPTIONS = {
  demo: { type: 'boolean', default: false },
  config: { type: 'string' },
  data: { type: 'string' },
  /** `sqlite` (default) or postgres://user@host/db */
  database: { type: 'string' },
  /** PostgreSQL: how long a node goes on leading after its last answered heartbeat, ms (HALLQ_LEADER_LEASE_MS) */
  'leader-lease-ms': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'clock-start': { type: 'string' },
  'clock-speed': { type: 'string' },
  'clock-origin': { type: 'string' },
  'print-urls': { type: 'boolean', default: false },
  'trust-proxy': { type: 'string' },
} as const;
