import { t } from './i18n.js';

/** A discreet corner mark on a board that lost the server: its figures are as of `since`. */
export function OfflineMark(p: { since: Date; timeZone: string | undefined }) {
  const time = new Intl.DateTimeFormat('en-GB', {
    ...(p.timeZone ? { timeZone: p.timeZone } : {}),
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(p.since);
  return (
    <div class="board-offline" role="status" data-offline-since={p.since.toISOString()}>
      {t('offlineSince', { time })}
    </div>
  );
}
