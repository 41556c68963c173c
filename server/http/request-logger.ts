import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilent, LogFn, Logger } from 'pino';

/**
 * A request's logger (Fastify gives each request a child carrying its id), made when the request
 * first writes to it. pino runs a child's bindings through the redaction rules when it makes the
 * child: that was about 1 % of the event loop's time per ticket issued, for a logger most requests
 * never write to below info.
 */
class LazyRequestLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
  ) {}

  private real(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings));
  }

  private write(level: Exclude<LevelWithSilent, 'silent'>, args: unknown[]): void {
    if (this.made || this.parent.isLevelEnabled(level)) (this.real()[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  fatal: LogFn = (...args: unknown[]) => this.write('fatal', args);
  error: LogFn = (...args: unknown[]) => this.write('error', args);
  warn: LogFn = (...args: unknown[]) => this.write('warn', args);
  info: LogFn = (...args: unknown[]) => this.write('info', args);
  debug: LogFn = (...args: unknown[]) => this.write('debug', args);
  trace: LogFn = (...args: unknown[]) => this.write('trace', args);
  silent: LogFn = () => {};

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: a route with a level or serializers of its own gets its child at once. */
export function requestLogger(logger: FastifyBaseLogger, bindings: Bindings, opts: ChildLoggerOptions): FastifyBaseLogger {
  if (opts.level !== undefined || opts.serializers !== undefined) return logger.child(bindings, opts);
  return new LazyRequestLogger(logger as Logger, bindings);
}
