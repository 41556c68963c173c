/**
 * The device agent's command-line options (`node dist/drivers/agent/main.js …`; the token may
 * come from HALLQ_AGENT_TOKEN instead), apart from main.ts so the service files can be checked.
 */
export const AGENT_OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  config: { type: 'string' },
} as const;
