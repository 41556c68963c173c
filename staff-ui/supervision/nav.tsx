import { t } from './i18n.js';

/** The manager pages' top bar: monitor ⇄ reports ⇄ console. */
export function ManagerNav(p: { current: 'monitor' | 'reports' }) {
  return (
    <nav class="manager-nav no-print">
      <a href="/staff/monitor/" class={p.current === 'monitor' ? 'active' : ''}>
        {t('monitor')}
      </a>
      <a href="/staff/reports/" class={p.current === 'reports' ? 'active' : ''}>
        {t('reports')}
      </a>
      <a href="/staff/">{t('console')}</a>
    </nav>
  );
}
