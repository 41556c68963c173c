import pino, { type Logger } from 'pino';

/** pino, pretty on a terminal and JSON otherwise (log collectors read JSON). */
export function createLogger(level = process.env.HALLQ_LOG_LEVEL ?? 'info'): Logger {
  if (process.stdout.isTTY) {
    return pino({ level, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return pino({ level });
}
