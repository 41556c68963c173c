import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BoardState } from '../shared/board-state.js';
import { t } from '../shared/i18n.js';
import type { BoardHallFacts } from '../shared/use-hall-facts.js';

/** The services a zone's board lists: those served by a window of that zone (all on a hall-wide board). */
export function servicesOfZone(facts: BoardHallFacts, zoneId: string | null): Set<string> {
  if (!zoneId) return new Set(facts.services.map((s) => s.id));
  return new Set(facts.windows.filter((w) => w.zoneId === zoneId).flatMap((w) => w.serviceIds));
}

/**
 * 各事项等候人数: one line; when it is wider than the screen it scrolls round like the notice,
 * so no service is cut off.
 */
export function WaitingStrip(p: { facts: BoardHallFacts; state: BoardState; zoneId: string | null }) {
  const shown = servicesOfZone(p.facts, p.zoneId);
  const items = p.state.queues.flatMap((q) => {
    const s = p.facts.services.find((x) => x.id === q.serviceId);
    return s && s.enabled && shown.has(s.id) ? [{ ...s, waiting: q.waiting }] : [];
  });
  const strip = useRef<HTMLDivElement>(null);
  const track = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState(false);
  const key = items.map((i) => i.id).join(',');
  useLayoutEffect(() => {
    const fits = () => {
      const one = track.current?.firstElementChild as HTMLElement | null;
      if (strip.current && one) setOverflow(one.scrollWidth > strip.current.clientWidth);
    };
    fits();
    window.addEventListener('resize', fits);
    return () => window.removeEventListener('resize', fits);
  }, [key]);
  const row = (copy: number) => (
    <div class="hb-queues" aria-hidden={copy > 0 ? 'true' : undefined}>
      {items.map((s) => (
        <span class="hb-queue" key={s.id} {...(copy === 0 ? { 'data-service-id': s.id, 'data-waiting': String(s.waiting) } : {})}>
          <span class="prefix">{s.prefix}</span>
          {s.name}
          <b>{t('waitingPeople', { n: s.waiting })}</b>
        </span>
      ))}
    </div>
  );
  return (
    <section class="hb-waiting" aria-label={t('waitingTitle')}>
      <span class="hb-waiting-title">{t('waiting')}</span>
      <div class="hb-waiting-window" ref={strip}>
        <div
          class={`hb-waiting-track${overflow ? ' scrolling' : ''}`}
          ref={track}
          data-scrolling={String(overflow)}
          style={overflow ? { animationDuration: `${Math.max(20, items.length * 3)}s` } : undefined}
        >
          {row(0)}
          {overflow ? row(1) : null}
        </div>
      </div>
    </section>
  );
}
