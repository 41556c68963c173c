import { useEffect, useState } from 'preact/hooks';
import type { IssuedTicketDto, ServiceSummaryDto } from '../../server/contract/dto.js';
import { api, ApiError } from '../../ui-common/api.js';
import type { Lang } from '../../ui-common/i18n.js';
import type { WindowPlace } from '../../server/domain/window-places.js';
import { speak, spokenNumber } from '../shared/speech.js';
import { localName, stringsFor, type T } from '../shared/strings.js';
import { CheckInScreen } from './check-in-screen.js';
import { ServiceBoard } from './service-board.js';
import { TicketScreen } from './ticket-screen.js';
import { useIdleReset } from './use-idle-reset.js';
import { errorText, useIssuing } from './use-issuing.js';
import { useKioskData } from './use-kiosk-data.js';

type Screen = { kind: 'home' } | { kind: 'check-in' } | { kind: 'ticket'; ticket: IssuedTicketDto; serviceName: string; windowPlaces: WindowPlace[] };

interface KioskProps {
  hallId: string;
  token: string;
  returnSeconds: number;
  idleSeconds: number;
  defaultLang: Lang;
}

export function KioskApp({ hallId, token, returnSeconds, idleSeconds, defaultLang }: KioskProps) {
  // a public kiosk goes back to its default language for each visitor: the choice is not saved
  const [lang, setLang] = useState<Lang>(defaultLang);
  const [large, setLarge] = useState(false);
  const [priority, setPriority] = useState(false);
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const data = useKioskData(hallId, token);
  const t = stringsFor(lang);
  const { busy, message, issue } = useIssuing(t, data.refresh);

  const show = (service?: ServiceSummaryDto) => (ticket: IssuedTicketDto) => {
    setScreen({ kind: 'ticket', ticket, serviceName: service?.name ?? '', windowPlaces: placesOf(service) });
    if (large) speak(t('speakTicket', { number: spokenNumber(ticket.number, lang), n: ticket.waitingAhead }), lang);
  };

  const take = (service: ServiceSummaryDto) =>
    issue(
      () => api<IssuedTicketDto>('/api/tickets', { token, body: { serviceId: service.id, ...(priority ? { priority: 'priority' } : {}) } }),
      (ticket) => {
        // 绿色通道 is for this one ticket: the next visitor starts in the ordinary queue
        setPriority(false);
        show(service)(ticket);
      },
    );

  const checkIn = (code: string) =>
    issue(
      async () => {
        const answer = await api<{ ticket: IssuedTicketDto }>(`/api/appointments/${encodeURIComponent(code)}/check-in`, { token, method: 'POST', body: {} });
        return answer.ticket;
      },
      show(),
      (e) => (e instanceof ApiError && (e.status === 400 || e.status === 404) ? t('checkInNotFound') : errorText(t, e)),
    );

  const home = () => {
    setScreen({ kind: 'home' });
    setPriority(false);
    setLarge(false);
    setLang(defaultLang);
  };

  const dirty = screen.kind === 'check-in' || priority || large || lang !== defaultLang;
  useIdleReset(idleSeconds, dirty, home);

  const toggleLarge = () => {
    const next = !large;
    setLarge(next);
    if (next) {
      const lines = data.services.map((s) => (s.open ? t('speakService', { name: s.name, n: s.waiting }) : t('speakClosed', { name: s.name })));
      speak([t('speakChoices'), ...lines].join(''), lang);
    }
  };

  const switchLang = () => {
    setLang(lang === 'zh-CN' ? 'en' : 'zh-CN');
  };

  const ticketService = (ticket: IssuedTicketDto) => data.services.find((s) => s.id === ticket.serviceId);
  const nameOfTicket = (s: Extract<Screen, { kind: 'ticket' }>) => {
    const service = ticketService(s.ticket);
    return service ? localName(lang, service) : s.serviceName;
  };
  return (
    <div class={`kiosk${large ? ' large' : ''}`} lang={lang} data-large={String(large)} data-online={String(data.online)}>
      {!data.online ? (
        <div class="offline-banner" role="alert" data-offline="true">
          {t('offline')}
        </div>
      ) : null}
      <KioskHeader
        t={t}
        hallName={data.hall ? localName(lang, data.hall) : ''}
        timeZone={data.hall?.timezone}
        large={large}
        onLarge={toggleLarge}
        onLanguage={switchLang}
      />
      {data.unauthorised ? (
        <main class="board">
          <p class="fatal">{t('badToken')}</p>
        </main>
      ) : screen.kind === 'ticket' ? (
        <TicketScreen
          t={t}
          ticket={screen.ticket}
          serviceName={nameOfTicket(screen)}
          materials={ticketService(screen.ticket)?.materials}
          windowPlaces={screen.windowPlaces.length ? screen.windowPlaces : placesOf(ticketService(screen.ticket))}
          zones={data.hall?.zones ?? []}
          kioskZoneId={data.zoneId}
          printer={data.printer}
          statusBaseUrl={data.statusBaseUrl}
          returnSeconds={returnSeconds}
          onDone={home}
        />
      ) : screen.kind === 'check-in' ? (
        <CheckInScreen t={t} busy={busy} error={message} onSubmit={(c) => void checkIn(c)} onBack={home} />
      ) : !data.hall ? (
        <main class="board">
          <p class="loading">{t('loading')}</p>
        </main>
      ) : (
        <ServiceBoard
          t={t}
          lang={lang}
          hall={data.hall}
          services={data.services}
          priority={priority}
          disabled={busy || !data.online}
          onTake={(s) => void take(s)}
        />
      )}
      {screen.kind === 'home' && data.hall ? (
        <KioskFooter
          t={t}
          priority={priority}
          appointments={Boolean(data.hall.features.appointments)}
          onPriority={() => setPriority(!priority)}
          onCheckIn={() => setScreen({ kind: 'check-in' })}
        />
      ) : null}
      {busy ? (
        <div class="busy" role="status">
          {t('issuing')}
        </div>
      ) : null}
      {message && screen.kind !== 'check-in' ? (
        <div class="toast" role="alert">
          {message}
        </div>
      ) : null}
    </div>
  );
}

const placesOf = (s: ServiceSummaryDto | undefined): WindowPlace[] => s?.windowPlaces ?? (s?.windowNumbers ?? []).map((number) => ({ number, zoneId: '' }));

function KioskHeader({
  t,
  hallName,
  timeZone,
  large,
  onLarge,
  onLanguage,
}: {
  t: T;
  hallName: string;
  timeZone: string | undefined;
  large: boolean;
  onLarge(): void;
  onLanguage(): void;
}) {
  return (
    <header class="kiosk-header">
      <div class="hall">
        <h1 class="hall-name">{hallName}</h1>
        <p class="kiosk-title">{t('kioskTitle')}</p>
      </div>
      <Clock timeZone={timeZone} />
      <div class="header-actions">
        <button type="button" class="pill" data-action="large-mode" aria-pressed={large} onClick={onLarge}>
          {large ? t('largeOff') : t('largeOn')}
        </button>
        <button type="button" class="pill" data-action="language" onClick={onLanguage}>
          {t('language')}
        </button>
      </div>
    </header>
  );
}

function KioskFooter({
  t,
  priority,
  appointments,
  onPriority,
  onCheckIn,
}: {
  t: T;
  priority: boolean;
  appointments: boolean;
  onPriority(): void;
  onCheckIn(): void;
}) {
  return (
    <footer class="kiosk-footer">
      {priority ? (
        <p class="priority-note" role="note">
          {t('priorityNote')}
        </p>
      ) : null}
      <div class="footer-actions">
        <button type="button" class={`big-button priority${priority ? ' active' : ''}`} data-action="priority" aria-pressed={priority} onClick={onPriority}>
          <span>{priority ? t('priorityCancel') : t('priorityButton')}</span>
          {priority ? null : <small>{t('priorityHint')}</small>}
        </button>
        {appointments ? (
          <button type="button" class="big-button secondary" data-action="check-in" onClick={onCheckIn}>
            {t('checkIn')}
          </button>
        ) : null}
      </div>
    </footer>
  );
}

/** The hall's time, whatever time zone the kiosk PC was set to. */
function Clock({ timeZone }: { timeZone: string | undefined }) {
  const [now, setNow] = useState(new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 10_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!timeZone) return <time class="clock" />;
  return (
    <time class="clock" data-time-zone={timeZone}>
      {now.toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false })}
    </time>
  );
}
