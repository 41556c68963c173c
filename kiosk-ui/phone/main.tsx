import { render } from 'preact';
import { pageParams } from '../../ui-common/api.js';
import { currentLang } from '../../ui-common/i18n.js';
import { CalmErrorBoundary } from '../shared/error-boundary.js';
import { stringsFor } from '../shared/strings.js';
import { PhoneApp } from './phone-app.js';
import './phone.css';

const params = pageParams();
const t = stringsFor(currentLang());
const root = document.getElementById('app')!;
// the contract's URL is /t/:ticketId?token=T
const ticketId = decodeURIComponent(window.location.pathname.split('/').filter(Boolean)[1] ?? '');
const token = params.get('token') ?? '';
// changes arrive as server-sent events; this slower re-read is only a safety net
const pollSeconds = Math.min(Math.max(Number(params.get('poll') ?? 15) || 15, 1), 120);

window.addEventListener('unhandledrejection', (e) => e.preventDefault());
if (!ticketId || !token) {
  render(
    <p class="invalid" role="alert">
      {t('invalidLink')}
    </p>,
    root,
  );
} else {
  render(
    <CalmErrorBoundary message={t('errorGeneric')}>
      <PhoneApp ticketId={ticketId} token={token} pollSeconds={pollSeconds} />
    </CalmErrorBoundary>,
    root,
  );
}
