import { Counter, Gauge, Histogram, collectDefaultMetrics, Registry } from 'prom-client';
import type { AppContext } from '../app/context.js';
import type { HallEvent } from '../contract/events.js';
import { businessDay } from '../domain/numbering.js';

export interface MetricsSources {
  /** socket.io clients connected now */
  sockets(): number;
  /** HTTP requests refused by load shedding since start */
  shed(): number;
}

/**
 * The server's Prometheus metrics, in a registry of its own (several servers may share a
 * process in tests). Counters move by one per committed event; gauges are read at scrape time
 * from what is already at hand: a count per service from the queue index, the device-health
 * map, socket.io's client count. Nothing grows with the queue between scrapes.
 */
export class HallMetrics {
  readonly registry = new Registry();
  private readonly devices = new Map<string, { hallId: string; kind: string; status: string }>();
  private readonly issued;
  private readonly called;
  private readonly finished;
  readonly callSeconds;

  constructor(
    private readonly ctx: AppContext,
    sources: MetricsSources,
  ) {
    const registers = [this.registry];
    // process_* and nodejs_* (CPU, memory, event-loop lag percentiles), under their usual names
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.issued = new Counter({
      name: 'hallq_tickets_issued_total',
      help: 'Tickets issued since the server started',
      labelNames: ['hall', 'service'],
      registers,
    });
    this.called = new Counter({
      name: 'hallq_tickets_called_total',
      help: 'Calls since the server started (recall="true" for a recall)',
      labelNames: ['hall', 'service', 'recall'],
      registers,
    });
    this.finished = new Counter({
      name: 'hallq_tickets_finished_total',
      help: 'Tickets finished since the server started',
      labelNames: ['hall', 'service'],
      registers,
    });
    this.callSeconds = new Histogram({
      name: 'hallq_call_next_duration_seconds',
      help: 'POST /api/windows/:id/call-next, request to answer',
      labelNames: ['outcome'],
      registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    });
    const collectWaiting = async (gauge: Gauge) => await this.collectWaiting(gauge);
    const collectDevices = (gauge: Gauge) => this.collectDevices(gauge);
    new Gauge({
      name: 'hallq_tickets_waiting',
      help: 'Tickets waiting now, per service (the business day of each hall)',
      labelNames: ['hall', 'service'],
      registers,
      async collect() {
        await collectWaiting(this);
      },
    });
    new Gauge({
      name: 'hallq_sockets_connected',
      help: 'socket.io clients connected',
      registers,
      collect() {
        this.set(sources.sockets());
      },
    });
    new Gauge({
      name: 'hallq_device_status',
      help: 'Each device: 1 for its current status (online, degraded, offline)',
      labelNames: ['hall', 'device', 'kind', 'status'],
      registers,
      collect() {
        collectDevices(this);
      },
    });
    new Gauge({
      name: 'hallq_http_shed_total',
      help: 'HTTP requests answered 503 OVERLOADED by load shedding since start',
      registers,
      collect() {
        this.set(sources.shed());
      },
    });
  }

  /** the devices' last known status, before the first event about them */
  async load(): Promise<void> {
    for (const hall of await this.ctx.store.halls.halls()) {
      for (const d of await this.ctx.store.devices.health(hall.id)) this.devices.set(d.id, { hallId: hall.id, kind: d.kind, status: d.status });
    }
  }

  /** Called for every committed event: one map or counter update. */
  onEvent(e: HallEvent): void {
    switch (e.type) {
      case 'ticket.issued':
        this.issued.inc({ hall: e.hallId, service: e.data.serviceId });
        break;
      case 'ticket.called':
        this.called.inc({ hall: e.hallId, service: e.data.serviceId, recall: String(e.data.recall) });
        break;
      case 'ticket.finished':
        this.finished.inc({ hall: e.hallId, service: e.data.serviceId });
        break;
      case 'device.health':
        this.devices.set(e.data.id, { hallId: e.hallId, kind: e.data.kind, status: e.data.status });
        break;
      default:
        break;
    }
  }

  private async collectWaiting(gauge: Gauge): Promise<void> {
    gauge.reset();
    const now = this.ctx.clock.now();
    for (const hall of await this.ctx.store.halls.halls()) {
      const day = businessDay(now, hall.timezone);
      for (const service of await this.ctx.store.halls.services(hall.id)) {
        gauge.set({ hall: hall.id, service: service.id }, await this.ctx.store.tickets.queuedCount(service.id, day));
      }
    }
  }

  private collectDevices(gauge: Gauge): void {
    gauge.reset();
    for (const [id, d] of this.devices) {
      for (const status of ['online', 'degraded', 'offline']) gauge.set({ hall: d.hallId, device: id, kind: d.kind, status }, d.status === status ? 1 : 0);
    }
  }
}
