/**
 * What the nodes' clients see through a PostgreSQL outage: kiosks issuing on every node, every
 * answer timed and kept, so an outage's figures (how long until each node issues again, which
 * answers failed and how) come from what a kiosk would have seen.
 */
import { CLUSTER_SERVICES, clusterKioskToken } from '../../tests/integration/cluster/cluster-hall.js';
import { call } from '../../tests/integration/cluster/cluster-load.js';

export interface Answer {
  node: number;
  /** performance.now() when the request was sent, and when its answer came */
  sentAt: number;
  answeredAt: number;
  /** 0: no HTTP answer at all */
  status: number;
  code?: string;
  ticket?: { id: string; number: string };
}

export class OutageLoad {
  readonly answers: Answer[] = [];
  private stopping = false;
  private running: Promise<void>[] = [];

  /** `perNode` kiosks on each node URL, issuing one ticket after another (a pause after a failure, as a kiosk's retry) */
  start(urls: readonly string[], perNode: number): void {
    this.running = urls.flatMap((url, node) => Array.from({ length: perNode }, (_, k) => this.kiosk(url, node, node * perNode + k)));
  }

  private async kiosk(url: string, node: number, i: number): Promise<void> {
    for (let n = 0; !this.stopping; n++) {
      const sentAt = performance.now();
      const res = await call(url, 'POST', '/api/tickets', clusterKioskToken(i % 4), { serviceId: CLUSTER_SERVICES[n % 2] });
      const answer: Answer = { node, sentAt, answeredAt: performance.now(), status: res.status };
      if (res.status === 201) answer.ticket = { id: res.body.id, number: res.body.number };
      else if (res.body?.error?.code) answer.code = res.body.error.code;
      this.answers.push(answer);
      if (res.status !== 201) await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** the first ticket `node` issued for a request sent after `t` */
  firstIssuedAfter(node: number, t: number): Answer | undefined {
    return this.answers.find((a) => a.node === node && a.status === 201 && a.sentAt >= t);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }
}
