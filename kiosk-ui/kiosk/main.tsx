import { render } from 'preact';
import type { Lang } from '../../ui-common/i18n.js';
import { pageParams } from '../../ui-common/api.js';
import { CalmErrorBoundary } from '../shared/error-boundary.js';
import { hardenTouchScreen } from '../shared/hardening.js';
import { stringsFor } from '../shared/strings.js';
import { KioskApp } from './kiosk-app.js';
import './kiosk.css';

const params = pageParams();
const defaultLang: Lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
const t = stringsFor(defaultLang);
const root = document.getElementById('app')!;
const seconds = (name: string, fallback: number, min: number, max: number) => Math.min(Math.max(Number(params.get(name) ?? fallback) || fallback, min), max);
const returnSeconds = seconds('return', 15, 3, 120);
// how long the kiosk waits without a touch before it goes back to the start for the next visitor
const idleSeconds = seconds('idle', 45, 2, 600);

hardenTouchScreen(() => {
  root.dataset.unexpectedError = 'true';
});

const hallId = params.get('hall');
const token = params.get('token');
if (!hallId || !token) {
  root.innerHTML = '';
  render(
    <div class="calm-error" role="alert">
      {t('badToken')}
    </div>,
    root,
  );
} else {
  render(
    <CalmErrorBoundary message={t('errorGeneric')}>
      <KioskApp hallId={hallId} token={token} returnSeconds={returnSeconds} idleSeconds={idleSeconds} defaultLang={defaultLang} />
    </CalmErrorBoundary>,
    root,
  );
}
