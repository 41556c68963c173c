import { CLUSTER_PASSWORD, CLUSTER_SERVICES, clusterKioskToken, CLUSTER_KIOSKS } from './cluster-hall.js';

/** An answer over real HTTP; status 0 when no answer came (the node died, or was never there). */
export async function call(url: string, method: 'GET' | 'POST' | 'PUT', path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  try {
    const res = await fetch(url + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { status: 0, body: null };
  }
}

export interface Acknowledged {
  id: string;
  number: string;
  /** the node that answered */
  node: number;
}

export interface Called extends Acknowledged {
  windowId: string;
}

/** A call tried on the chosen node until one answers (a node killed meanwhile is passed over). */
async function answered(node: NodeChooser, preferred: number, ...args: Parameters<typeof call> extends [string, ...infer R] ? R : never) {
  for (;;) {
    const target = node(preferred);
    const res = target ? await call(target.url, ...args) : { status: 0, body: null };
    if (res.status !== 0) return res;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Which node a client talks to: the one it is given while it is up, else the next live one. */
export type NodeChooser = (preferred: number) => { index: number; url: string } | undefined;

/**
 * A kiosk issuing tickets one after another until `stop()` says so or it has issued `max`; every
 * 201 is recorded (acknowledged: it must be in the store afterwards). A request no node answered
 * is tried again on the next node the chooser gives.
 */
export async function issuer(i: number, node: NodeChooser, acked: Acknowledged[], stop: () => boolean, max = Infinity): Promise<void> {
  const token = clusterKioskToken(i % CLUSTER_KIOSKS);
  let issued = 0;
  while (!stop() && issued < max) {
    const target = node(i);
    if (!target) {
      await new Promise((r) => setTimeout(r, 50)); // every node down: a restart is under way
      continue;
    }
    const res = await call(target.url, 'POST', '/api/tickets', token, { serviceId: CLUSTER_SERVICES[(i + issued) % CLUSTER_SERVICES.length] });
    if (res.status === 201) {
      acked.push({ id: res.body.id, number: res.body.number, node: target.index });
      issued++;
    } else if (res.status !== 0) throw new Error(`issue on node ${target.index}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * A clerk at window `w` (1-based): signs in and opens it, then calls the next ticket and marks it a
 * no-show, again and again, each call on the next node in turn, until `stop()` holds and the queue
 * is empty. A ticket left called by a node that died unanswered is cleared first.
 */
export async function clerk(w: number, nodeCount: number, node: NodeChooser, called: Called[], stop: () => boolean): Promise<void> {
  const windowId = `w${w}`;
  const login = await answered(node, w, 'POST', '/api/auth/login', undefined, { username: `clerk${w}`, password: CLUSTER_PASSWORD });
  if (login.status !== 200) throw new Error(`clerk${w} login: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.token as string;
  const opened = await answered(node, w, 'POST', `/api/windows/${windowId}/open`, token);
  if (opened.status !== 200) throw new Error(`open ${windowId}: ${opened.status} ${JSON.stringify(opened.body)}`);
  for (let k = 0; ; k++) {
    const target = node((w + k) % nodeCount);
    if (!target) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const res = await call(target.url, 'POST', `/api/windows/${windowId}/call-next`, token, {});
    if (res.status === 200 || res.status === 201) {
      called.push({ id: res.body.ticket.id, number: res.body.ticket.number, node: target.index, windowId });
      await skip(target.url, windowId, token);
    } else if (res.status === 409 && res.body?.error?.code === 'WINDOW_BUSY') {
      await skip(target.url, windowId, token);
    } else if (res.status === 409 && res.body?.error?.code === 'QUEUE_EMPTY') {
      if (stop()) return;
      await new Promise((r) => setTimeout(r, 20));
    } else if (res.status !== 0) throw new Error(`call-next at ${windowId} on node ${target.index}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

async function skip(url: string, windowId: string, token: string): Promise<void> {
  const res = await call(url, 'POST', `/api/windows/${windowId}/skip`, token);
  // no answer: the node died; the next call-next finds the ticket still called (WINDOW_BUSY) and skips it again
  if (res.status !== 200 && res.status !== 0) throw new Error(`skip at ${windowId}: ${res.status} ${JSON.stringify(res.body)}`);
}
