#!/usr/bin/env node
/**
 * hall-queue backup  --data DIR [--to FILE]    a consistent copy of the live database (the server may run)
 * hall-queue restore --data DIR --from FILE    put a backup in place (the server must be stopped)
 * hall-queue migrate --from-sqlite DIR --to postgres://… [--hall ID]   copy the hall(s) into a city database
 * (npm run backup -- …, npm run restore -- …; or node dist/server/maintenance/cli.js …)
 * Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage.
 */
import { runCli, UsageError, USAGE } from './backup-commands.js';

runCli(process.argv.slice(2)).then(
  (line) => {
    process.stdout.write(`${line}\n`);
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`hall-queue: ${(error as Error).message}${usage ? `\n${USAGE}` : ''}\n`);
    process.exit(usage ? 2 : 1);
  },
);
