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
const returnSeconds = Math.min(Math.max(Number(params.get('return') ?? 15) || 15, 3), 120);

hardenTouchScreen(() => {
  root.dataset.unexpectedError = 'true';
});

const hallId = params.get('hall');
const token = params.get('token');
if (!hallId || !token) {
  root.innerHTML = '';
  render(<div class="calm-error" role="alert">{t('badToken')}</div>, root);
} else {
  render(<CalmErrorBoundary message={t('errorGeneric')}><KioskApp hallId={hallId} token={token} returnSeconds={returnSeconds} defaultLang={defaultLang} /></CalmErrorBoundary>, root);
}
