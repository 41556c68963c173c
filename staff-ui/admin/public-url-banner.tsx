import { useEffect, useState } from 'preact/hooks';
import type { Call } from './admin-api.js';
import { t } from './i18n.js';

/** A standing warning while ticket QR codes hold a LAN address (HALLQ_PUBLIC_URL not set). */
export function PublicUrlBanner(p: { call: Call }) {
  const [lanUrl, setLanUrl] = useState<string | null>(null);
  useEffect(() => {
    p.call<{ publicUrl: string; configured: boolean }>('GET', '/api/admin/public-url').then(
      (r) => setLanUrl(r.configured ? null : r.publicUrl),
      () => setLanUrl(null),
    );
  }, []);
  if (!lanUrl) return null;
  return (
    <p class="banner-warn" role="alert" data-public-url-warning={lanUrl}>
      {t('publicUrlMissing', { url: lanUrl })}
    </p>
  );
}
