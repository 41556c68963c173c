import { render } from 'preact';
import { ManagerGate } from '../../display-ui/monitor/manager-gate.js';
import { t } from './i18n.js';
import { ManagerNav } from './nav.js';
import { ReportsApp } from './reports-app.js';
import './reports.css';

render(
  <ManagerGate>
    {(s) => (
      <div class="reports-page">
        <header class="reports-header">
          <h1>{t('reportsTitle')}</h1>
          <ManagerNav current="reports" />
        </header>
        <ReportsApp hallId={s.hallId} token={s.token} />
      </div>
    )}
  </ManagerGate>,
  document.getElementById('app')!,
);
