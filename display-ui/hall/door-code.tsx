import QRCode from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../ui-common/api.js';
import { t } from '../shared/i18n.js';

interface DoorCode {
  code: string;
  refreshInSeconds: number;
  url: string;
}

/** absolute, for a phone: the server's public address when it has one, else this board's */
const absolute = (url: string) => (/^https?:\/\//.test(url) ? url : `${location.origin}${url}`);

/**
 * The hall's rotating door code with its QR: a visitor checking in a booking from their phone
 * scans it or types the digits, which proves they are in the hall. Nothing is shown when the
 * server has no appointments (404) or this board may not show it.
 */
export function DoorCodePanel(p: { token: string; hallId: string }) {
  const [door, setDoor] = useState<DoorCode | null>(null);
  const [qr, setQr] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const load = async () => {
      let next = 30;
      try {
        const d = await api<DoorCode>(`/api/halls/${encodeURIComponent(p.hallId)}/door-code`, { token: p.token });
        setDoor(d);
        setQr(await QRCode.toString(absolute(d.url), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));
        next = d.refreshInSeconds + 1;
      } catch (e) {
        if (e instanceof ApiError && [401, 403, 404].includes(e.status)) {
          setDoor(null);
          return;
        }
      }
      if (!stopped) timer = setTimeout(() => void load(), next * 1000);
    };
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [p.token, p.hallId]);
  if (!door) return null;
  return (
    <aside class="hb-door" data-door-code={door.code}>
      {qr ? <div class="hb-door-qr" dangerouslySetInnerHTML={{ __html: qr }} /> : null}
      <div class="hb-door-text">
        <div class="hb-door-label">{t('doorCodeLabel')}</div>
        <div class="hb-door-code">{door.code}</div>
        <div class="hb-door-hint">{t('doorCodeHint')}</div>
      </div>
    </aside>
  );
}
