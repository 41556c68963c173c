import { render } from 'preact';
import '../../display-ui/monitor/monitor.css';
import { ManagerGate } from '../../display-ui/monitor/manager-gate.js';
import { MonitorView } from '../../display-ui/monitor/monitor-view.js';
import { ManagerNav } from './nav.js';
import './reports.css';

render(
  <ManagerGate>{(s) => <MonitorView hallId={s.hallId} token={s.token} canManage dark={false} header={<ManagerNav current="monitor" />} />}</ManagerGate>,
  document.getElementById('app')!,
);
