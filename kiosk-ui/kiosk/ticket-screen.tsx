import { useEffect, useState } from 'preact/hooks';
import type { IssuedTicketDto } from '../../server/contract/dto.js';
import { windowPlacesText, type WindowPlace } from '../../server/domain/window-places.js';
import { qrSvg, statusPageUrl } from '../shared/qr.js';
import type { T } from '../shared/strings.js';
import { aheadOf, waitText } from '../shared/wait-text.js';
import type { PrinterState } from './use-kiosk-data.js';

interface Props {
  t: T;
  ticket: IssuedTicketDto;
  serviceName: string;
  windowPlaces: WindowPlace[];
  /** 一次性告知 of the chosen service */
  materials?: string | undefined;
  zones: { id: string; name: string }[];
  kioskZoneId: string | null;
  printer: PrinterState;
  statusBaseUrl: string;
  returnSeconds: number;
  onDone(): void;
}

/** The issued ticket, big, with its QR code; goes back to the start by itself. */
export function TicketScreen({ t, ticket, serviceName, materials, windowPlaces, zones, kioskZoneId, printer, statusBaseUrl, returnSeconds, onDone }: Props) {
  const [left, setLeft] = useState(returnSeconds);
  const [qr, setQr] = useState('');
  useEffect(() => {
    void qrSvg(statusPageUrl(statusBaseUrl, ticket.id, ticket.statusToken)).then(setQr, () => setQr(''));
    const timer = window.setInterval(() => setLeft((s) => s - 1), 1000);
    return () => window.clearInterval(timer);
  }, [ticket.id]);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left]);

  const printerMessage =
    printer === 'online' ? t('printing') : printer === 'paper_out' ? t('printerPaperOut') : printer === 'offline' ? t('printerOffline') : t('noPrinter');
  const printerOk = printer === 'online';
  return (
    <main class="ticket" data-ticket-id={ticket.id} data-status-url={statusPageUrl(statusBaseUrl, ticket.id, ticket.statusToken)}>
      <div class="ticket-main">
        <p class="ticket-service">
          {serviceName}
          {ticket.priority === 'priority' ? <span class="badge-priority">{t('priorityButton')}</span> : null}
        </p>
        <p class="ticket-label">{t('yourNumber')}</p>
        <p class="ticket-number" data-ticket-number={ticket.number}>
          {ticket.number}
        </p>
        <div class="ticket-facts">
          <div class="fact">
            <span class="fact-label">{t('ahead')}</span>
            <span class="fact-value" data-waiting-ahead={aheadOf(ticket.wait, ticket.waitingAhead)}>
              {aheadOf(ticket.wait, ticket.waitingAhead)}
              <small>{t('aheadUnit')}</small>
            </span>
          </div>
          <div class="fact">
            <span class="fact-label">{t('estimatedWait')}</span>
            <span class={`fact-value${ticket.wait?.kind === 'no-window' ? ' fact-words' : ''}`} data-wait={ticket.wait?.kind ?? ''}>
              {waitText(t, ticket.wait, ticket.estimatedWaitMinutes)}
            </span>
          </div>
        </div>
        {materials ? (
          <div class="ticket-materials" data-materials>
            <p class="materials-title">{t('materialsTitle')}</p>
            <p class="materials-text">{materials}</p>
          </div>
        ) : null}
        <p class="ticket-windows">
          {windowPlaces.length > 0 ? t('goToPlaces', { w: windowPlacesText(windowPlaces, zones, kioskZoneId, t('windowSuffix')) }) : t('watchCalls')}
        </p>
      </div>
      <div class="ticket-side">
        <div class="ticket-qr-row">
          <div class="ticket-qr" dangerouslySetInnerHTML={{ __html: qr }} data-qr-ready={qr ? 'true' : 'false'} />
          <div class="ticket-qr-text">
            <p>{t('scanToFollow')}</p>
            <p class={printerOk ? 'printer-ok' : 'printer-problem'} data-printer-state={printer} role="status">
              {printerMessage}
            </p>
          </div>
        </div>
        <button type="button" class="big-button done" onClick={onDone}>
          {t('done')}
          <small>{t('returnIn', { s: Math.max(left, 0) })}</small>
        </button>
      </div>
    </main>
  );
}
