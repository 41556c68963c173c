import { render } from 'preact';
import { ManagerGate } from './manager-gate.js';
import { MonitorView } from './monitor-view.js';
import './monitor.css';

/** /display/monitor/?hall=ID&token=T (a display device, read-only) or a manager's login. */
function Root() {
  const params = new URLSearchParams(window.location.search);
  const hallId = params.get('hall');
  const token = params.get('token');
  if (hallId && token) return <MonitorView hallId={hallId} token={token} canManage={false} dark />;
  return <ManagerGate>{(s) => <MonitorView hallId={s.hallId} token={s.token} canManage dark />}</ManagerGate>;
}

render(<Root />, document.getElementById('app')!);
