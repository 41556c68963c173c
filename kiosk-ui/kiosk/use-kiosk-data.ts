import { useEffect, useRef, useState } from 'preact/hooks';
import type { ServiceSummaryDto } from '../../server/contract/dto.js';
import { api, ApiError } from '../../ui-common/api.js';
import { LiveHall } from '../../ui-common/live-hall.js';

export interface KioskHall {
  id: string;
  name: string;
  nameEn?: string;
  timezone: string;
  zones: { id: string; name: string }[];
  departments: { id: string; name: string; nameEn?: string }[];
  features: { appointments?: boolean };
}

export type PrinterState = 'online' | 'offline' | 'paper_out' | 'none' | 'unknown';

export interface KioskData {
  hall: KioskHall | null;
  services: ServiceSummaryDto[];
  online: boolean;
  unauthorised: boolean;
  printer: PrinterState;
  /** the kiosk's own zone (floor), when its device is set to one */
  zoneId: string | null;
  /** the base of the phone page's address in the QR code */
  statusBaseUrl: string;
  /** ask the server again now (after an issue, or when the network came back) */
  refresh(): void;
}

/**
 * The kiosk's live view of its hall: services with waiting counts and estimates, its printer's
 * state, and whether the server is reachable. Every committed change arrives over socket.io
 * (LiveHall resubscribes with sinceSeq after a cut); the figures themselves are re-read from the
 * services endpoint so the kiosk shows exactly what issuing will use.
 */
export function useKioskData(hallId: string, token: string): KioskData {
  const [hall, setHall] = useState<KioskHall | null>(null);
  const [services, setServices] = useState<ServiceSummaryDto[]>([]);
  const [online, setOnline] = useState(true);
  const [unauthorised, setUnauthorised] = useState(false);
  const [printer, setPrinter] = useState<PrinterState>('unknown');
  const [zoneId, setZoneId] = useState<string | null>(null);
  const [statusBaseUrl, setStatusBaseUrl] = useState(window.location.origin);
  const kioskId = useRef<string | null>(null);
  const printerId = useRef<string | null>(null);
  const pending = useRef<number | undefined>(undefined);

  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 0) setOnline(false);
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setUnauthorised(true);
  };

  const loadServices = () =>
    api<ServiceSummaryDto[]>(`/api/halls/${encodeURIComponent(hallId)}/services`, { token }).then((list) => {
      setServices(list);
      setOnline(true);
    }, failed);

  const loadPrinter = async () => {
    try {
      if (!kioskId.current) {
        const me = (await api<{ device?: { id: string; zoneId?: string | null } }>('/api/auth/me', { token })).device;
        kioskId.current = me?.id ?? null;
        setZoneId(me?.zoneId ?? null);
      }
      if (!kioskId.current) return;
      const view = await api<{ printerId: string | null; state: PrinterState; publicUrl?: string; publicUrlSet?: boolean }>(
        `/api/kiosks/${encodeURIComponent(kioskId.current)}/printer`,
        { token },
      );
      printerId.current = view.printerId;
      setPrinter(view.state);
      // the hall's public address when one is set; and a kiosk PC that runs the server itself
      // opens it as localhost, which no phone can reach
      if (view.publicUrl && (view.publicUrlSet || isLoopback(window.location.hostname))) setStatusBaseUrl(view.publicUrl);
    } catch (e) {
      failed(e);
    }
  };

  const loadAll = () => {
    api<KioskHall>(`/api/halls/${encodeURIComponent(hallId)}`, { token }).then(setHall, failed);
    void loadServices();
    void loadPrinter();
  };

  const refresh = () => {
    window.clearTimeout(pending.current);
    pending.current = window.setTimeout(() => void loadServices(), 150);
  };

  useEffect(() => {
    loadAll();
    const live = new LiveHall({
      token,
      hallId,
      onSnapshot: () => refresh(),
      onEvent: (event) => {
        if (event.type === 'device.health') {
          if (event.data.id === printerId.current) void loadPrinter();
          return;
        }
        if (event.type === 'config.changed') loadAll();
        else refresh();
      },
      onConnection: (up) => {
        setOnline(up);
        if (up) loadAll();
      },
      onError: (error) => {
        if (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') setUnauthorised(true);
      },
    });
    // opening hours change with the clock, not with an event
    const timer = window.setInterval(() => void loadServices(), 60_000);
    return () => {
      live.close();
      window.clearInterval(timer);
      window.clearTimeout(pending.current);
    };
  }, [hallId, token]);

  return { hall, services, online, unauthorised, printer, zoneId, statusBaseUrl, refresh };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
