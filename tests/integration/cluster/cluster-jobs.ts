import { CLUSTER_MANAGER, CLUSTER_PASSWORD, CLUSTER_SERVICES, clusterKioskToken, UNSERVED_SERVICE } from './cluster-hall.js';
import { call } from './cluster-load.js';

/** the manager's token (sessions are in the store: good on every node) */
export async function managerLogin(url: string): Promise<string> {
  const res = await call(url, 'POST', '/api/auth/login', undefined, { username: CLUSTER_MANAGER, password: CLUSTER_PASSWORD });
  if (res.status !== 200) throw new Error(`manager login: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** the hall's SMS gateway is `smsUrl`; bookings by phone need no ID number */
export async function setGateway(url: string, token: string, smsUrl: string): Promise<void> {
  const res = await call(url, 'PUT', '/api/halls/main/appointment-rules', token, { webhookUrl: smsUrl, idRequired: 'never' });
  if (res.status !== 200) throw new Error(`appointment rules: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Alerts POSTed to `alertsUrl`, and a queue alert as soon as one person waits (no 11th window
 * can open): the hall's leader raises it at its next check, which any event sets off. Then one
 * ticket of the service no window serves: the windows' clerks empty the other queues within
 * milliseconds, this one waits, so the check finds it however the load runs.
 */
export async function alertOnAnyQueue(url: string, token: string, alertsUrl: string): Promise<void> {
  const res = await call(url, 'PUT', '/api/supervision/halls/main/alert-settings', token, { queueLength: 0.5, minOpenWindows: 11, webhookUrl: alertsUrl });
  if (res.status !== 200) throw new Error(`alert settings: ${res.status} ${JSON.stringify(res.body)}`);
  const waiting = await call(url, 'POST', '/api/tickets', clusterKioskToken(0), { serviceId: UNSERVED_SERVICE });
  if (waiting.status !== 201) throw new Error(`a ticket no window serves: ${waiting.status} ${JSON.stringify(waiting.body)}`);
}

/** the first day from tomorrow (the hall's) with a bookable slot of the service, and that slot's start */
async function firstSlot(url: string, serviceId: string): Promise<string> {
  for (let d = 1; d <= 14; d++) {
    const date = new Date(Date.now() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10); // Asia/Shanghai has no DST
    const res = await call(url, 'GET', `/api/halls/main/services/${serviceId}/slots?date=${date}`);
    const slot = (res.body as { start: string; capacity: number; booked: number }[] | null)?.find((s) => s.booked < s.capacity);
    if (slot) return slot.start;
  }
  throw new Error(`no bookable slot of ${serviceId} in the next 14 days`);
}

/** `count` bookings by phone, the k-th on `urlOf(k)`, each person with their own mobile; their codes */
export async function bookByPhone(urlOf: (k: number) => string, token: string, count: number, from: number): Promise<string[]> {
  const start = await firstSlot(urlOf(0), CLUSTER_SERVICES[0]);
  const codes: string[] = [];
  for (let k = 0; k < count; k++) {
    const phone = `139${String(10_000_000 + from + k).padStart(8, '0')}`;
    const res = await call(urlOf(k), 'POST', '/api/appointments', token, {
      serviceId: CLUSTER_SERVICES[0],
      start,
      name: `预约人${from + k}`,
      phone,
      channel: 'phone',
    });
    if (res.status !== 201) throw new Error(`booking ${k}: ${res.status} ${JSON.stringify(res.body)}`);
    codes.push(res.body.code as string);
  }
  return codes;
}
