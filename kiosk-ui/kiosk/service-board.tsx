import { useRef } from 'preact/hooks';
import type { ServiceSummaryDto } from '../../server/contract/dto.js';
import type { Lang } from '../../ui-common/i18n.js';
import { localName, type T } from '../shared/strings.js';
import { waitText } from '../shared/wait-text.js';
import { MoreCue } from './more-cue.js';
import type { KioskHall } from './use-kiosk-data.js';

interface Props {
  t: T;
  lang: Lang;
  hall: KioskHall;
  services: ServiceSummaryDto[];
  priority: boolean;
  disabled: boolean;
  onTake(service: ServiceSummaryDto): void;
}

/**
 * The start screen's body: services grouped by department, each one big button. Departments
 * flow in columns as wide as the screen allows; what still does not fit is announced by a cue.
 */
export function ServiceBoard({ t, lang, hall, services, priority, disabled, onTake }: Props) {
  const groups = hall.departments
    .map((d) => ({ department: d, services: services.filter((s) => s.departmentId === d.id) }))
    .filter((g) => g.services.length > 0)
    // departments in the order of their first service, as the hall arranged its services
    .sort((a, b) => services.indexOf(a.services[0]!) - services.indexOf(b.services[0]!));
  // when the whole hall is closed (lunch, evening) say why once, not on every button
  const reasons = new Set(services.map((s) => (s.open ? null : (s.closedReason ?? ''))));
  const hallReason = services.length > 0 && reasons.size === 1 && !reasons.has(null) ? [...reasons][0] || t('closed') : null;
  const scroller = useRef<HTMLDivElement>(null);
  return (
    <main class="board-area">
      <div class="board" ref={scroller}>
        <h2 class={priority ? 'prompt prompt-priority' : 'prompt'}>{priority ? t('chooseServicePriority') : t('chooseService')}</h2>
        {hallReason ? (
          <p class="hall-closed" role="status" data-hall-closed="true">
            {hallReason}
          </p>
        ) : null}
        <div class="departments">
          {groups.map((g) => (
            <section class="department" key={g.department.id}>
              <h3 class="department-name">{localName(lang, g.department)}</h3>
              {g.services.map((s) => (
                <ServiceButton key={s.id} t={t} lang={lang} service={s} priority={priority} disabled={disabled} showReason={!hallReason} onTake={onTake} />
              ))}
            </section>
          ))}
        </div>
      </div>
      <MoreCue t={t} scroller={scroller} watch={services.length} />
    </main>
  );
}

interface ButtonProps {
  t: T;
  lang: Lang;
  service: ServiceSummaryDto;
  priority: boolean;
  disabled: boolean;
  showReason: boolean;
  onTake(s: ServiceSummaryDto): void;
}

function closedText(t: T, reason: string | undefined, showReason: boolean): string {
  if (!showReason || !reason) return t('closed');
  return reason.includes(t('closed')) ? reason : `${t('closed')}：${reason}`;
}

function ServiceButton({ t, lang, service: s, priority, disabled, showReason, onTake }: ButtonProps) {
  const classes = ['service', s.open ? '' : 'service-closed', priority && s.open ? 'service-priority' : ''].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      class={classes}
      data-service-id={s.id}
      data-open={String(s.open)}
      aria-disabled={!s.open || disabled}
      disabled={!s.open || disabled}
      onClick={() => onTake(s)}
    >
      <span class="service-prefix">{s.prefix}</span>
      <span class="service-name">{localName(lang, s)}</span>
      {s.open ? (
        <span class="service-queue">
          <span data-waiting={s.waiting}>{t('waiting', { n: s.waiting })}</span>
          <span class="dot">·</span>
          <span data-wait={s.wait?.kind ?? ''}>{waitText(t, s.wait, s.waiting === 0 ? 0 : s.estimatedWaitMinutes)}</span>
        </span>
      ) : (
        <span class="service-closed-reason">{closedText(t, s.closedReason, showReason)}</span>
      )}
    </button>
  );
}
