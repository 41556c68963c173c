import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { T } from '../shared/strings.js';

type Where = 'all' | 'more' | 'end';

/**
 * Says where the visitor is in a list longer than the screen: a big "more below" button while
 * services are hidden under the fold (a visitor does not guess that a kiosk scrolls), and a way
 * back to the top at the end.
 */
export function MoreCue({ t, scroller, watch }: { t: T; scroller: RefObject<HTMLElement>; watch: unknown }) {
  const [where, setWhere] = useState<Where>('all');
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      const hidden = el.scrollHeight - el.clientHeight;
      setWhere(hidden <= 2 ? 'all' : el.scrollTop < hidden - 2 ? 'more' : 'end');
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(el);
    for (const child of el.children) resized.observe(child);
    return () => {
      el.removeEventListener('scroll', measure);
      resized.disconnect();
    };
  }, [scroller.current, watch]);

  if (where === 'all') return null;
  const el = scroller.current;
  const go = () => {
    if (!el) return;
    // a page less the tallest button: whatever was cut at the bottom comes whole at the top
    const tallest = Math.max(0, ...[...el.querySelectorAll<HTMLElement>('[data-service-id]')].map((b) => b.offsetHeight + 16));
    if (where === 'more') el.scrollBy({ top: Math.max(el.clientHeight / 2, el.clientHeight - tallest), behavior: 'smooth' });
    else el.scrollTo({ top: 0, behavior: 'smooth' });
  };
  return (
    <button type="button" class={`more-cue more-cue-${where}`} data-action={where === 'more' ? 'more-services' : 'services-top'} onClick={go}>
      {where === 'more' ? t('moreServices') : t('servicesTop')}
    </button>
  );
}
