import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WindowDto } from '../../server/contract/dto.js';
import { api, ApiError } from '../../ui-common/api.js';
import { BoardMessage } from '../shared/board-message.js';
import { lang, t } from '../shared/i18n.js';
import { OfflineMark } from '../shared/offline-mark.js';
import { useBoard } from '../shared/use-board.js';
import { useHallFacts } from '../shared/use-hall-facts.js';
import { WindowBoard } from './window-board.js';
import '../shared/boards.css';

const params = new URLSearchParams(window.location.search);
const windowId = params.get('window');
const token = params.get('token') ?? '';
const FLASH_MS = 6000;

/** The window's hall, asked once (retried while the server is unreachable). */
function useWindowHall(): { hallId: string | null; unauthorized: boolean } {
  const [hallId, setHallId] = useState<string | null>(null);
  const [unauthorized, setUnauthorized] = useState(false);
  useEffect(() => {
    if (!windowId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      api<WindowDto>(`/api/windows/${encodeURIComponent(windowId)}`, { token }).then(
        (w) => setHallId(w.hallId),
        (e) => {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) setUnauthorized(true);
          else timer = setTimeout(load, 5000);
        },
      );
    void load();
    return () => clearTimeout(timer);
  }, []);
  return { hallId, unauthorized };
}

function WindowBoardApp() {
  const { hallId, unauthorized } = useWindowHall();
  const { facts, reload } = useHallFacts(token, hallId);
  const [flashing, setFlashing] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const { state, online, error, updatedAt } = useBoard({
    token,
    hallId,
    windowId,
    onCall: (call) => {
      if (call.windowId !== windowId) return;
      setFlashing(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setFlashing(false), FLASH_MS);
    },
    onConfigChanged: () => void reload(),
  });
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('windowBoard');
  }, []);

  if (!windowId) return <BoardMessage text={t('missingParam', { name: 'window' })} />;
  if (unauthorized || error === 'UNAUTHORIZED') return <BoardMessage text={t('badToken')} />;
  const w = state?.windows.find((x) => x.id === windowId);
  if (!w) return <BoardMessage text="…" />;
  return (
    <>
      <WindowBoard window={w} timeZone={facts?.timezone ?? 'Asia/Shanghai'} flashing={flashing} />
      {!online && <OfflineMark since={updatedAt} timeZone={facts?.timezone} />}
    </>
  );
}

render(<WindowBoardApp />, document.getElementById('app')!);
