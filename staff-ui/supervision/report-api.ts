import type { SupervisionReport } from '../../server/supervision/report.js';
import { api, ApiError } from '../../ui-common/api.js';

export type Report = SupervisionReport;
export interface Filters {
  from: string;
  to: string;
  departmentId: string;
  serviceId: string;
  windowId: string;
  staffId: string;
  group: string;
}

export function reportQuery(hallId: string, f: Filters): string {
  const q = new URLSearchParams({ hallId, from: f.from, to: f.to });
  for (const k of ['departmentId', 'serviceId', 'windowId', 'staffId', 'group'] as const) if (f[k]) q.set(k, f[k]);
  return q.toString();
}

export const loadReport = (token: string, hallId: string, f: Filters) => api<Report>(`/api/reports/summary?${reportQuery(hallId, f)}`, { token });

/** Fetches an export with the bearer token and hands it to the browser as a download. */
export async function download(token: string, hallId: string, f: Filters, format: 'csv' | 'xlsx'): Promise<void> {
  const res = await fetch(`/api/reports/summary?${reportQuery(hallId, f)}&format=${format}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new ApiError(res.status, 'HTTP_' + res.status, res.statusText);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `report.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface HallFacts {
  departments: { id: string; name: string }[];
  services: { id: string; name: string; departmentId: string }[];
  windows: { id: string; number: number; name: string }[];
}
