import pino, { type DestinationStream, type Logger } from 'pino';

/** Query parameters and path parts that are secrets: device and ticket tokens, appointment codes. */
const SECRET_PATH = /^(\/api\/appointments\/|\/book\/|\/appointments\/)([^/?]+)/;

/** A URL as the log may keep it: no query string (it carries tokens), no appointment code. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q >= 0 ? url.slice(0, q) : url).replace(SECRET_PATH, '$1…');
  return q >= 0 ? `${path}?…` : path;
}

const serializers = {
  req: (req: { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
    method: req.method,
    url: loggableUrl(req.url ?? ''),
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  }),
};

/** Never written out, whatever logs them by mistake. */
const redact = {
  paths: [
    'token',
    '*.token',
    'statusToken',
    '*.statusToken',
    'phoneCode',
    '*.phoneCode',
    'password',
    '*.password',
    'headers.authorization',
    'headers.cookie',
    '*.headers.authorization',
    '*.headers.cookie',
  ],
  censor: '[redacted]',
};

/** pino, pretty on a terminal and JSON otherwise (log collectors read JSON). */
export function createLogger(level = process.env.HALLQ_LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  if (destination) return pino({ level, serializers, redact }, destination);
  if (process.stdout.isTTY) {
    return pino({ level, serializers, redact, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return pino({ level, serializers, redact });
}
