import { useEffect, useState } from 'preact/hooks';
import type { UserDto, WindowDto } from '../server/contract/dto.js';
import { getHall, getWindow } from './console-api.js';
import { t } from './i18n.js';

const STATUS_LABEL = { open: 'statusOpen', paused: 'statusPaused', closed: 'statusClosed' } as const;

/** Staff see their own windows (A岗 and B岗); managers every window of their hall. */
async function windowsFor(token: string, user: UserDto): Promise<WindowDto[]> {
  let ids = user.windowIds;
  if (user.role !== 'staff' && user.hallId) ids = (await getHall(token, user.hallId)).windows.map((w) => w.id);
  const windows = await Promise.all(ids.map((id) => getWindow(token, id).catch(() => null)));
  return windows.filter((w): w is WindowDto => w !== null).sort((a, b) => a.number - b.number);
}

export function WindowPicker(p: { token: string; user: UserDto; onPick(windowId: string): void }) {
  const [windows, setWindows] = useState<WindowDto[] | null>(null);
  useEffect(() => {
    void windowsFor(p.token, p.user).then(setWindows, () => setWindows([]));
  }, [p.token, p.user]);
  if (!windows)
    return (
      <main class="picker">
        <p class="muted">…</p>
      </main>
    );
  return (
    <main class="picker">
      <h1>{t('pickWindow')}</h1>
      {windows.length === 0 && <p class="muted">{t('noWindows')}</p>}
      <div class="picker-grid">
        {windows.map((w) => (
          <button type="button" class={`window-card status-${w.status}`} key={w.id} data-window-id={w.id} onClick={() => p.onPick(w.id)}>
            <span class="window-card-no">{w.number}</span>
            <span class="window-card-name">{w.name}</span>
            {p.user.windowPosts?.[w.id] && (
              <span class={`post post-${p.user.windowPosts[w.id]}`} data-post={p.user.windowPosts[w.id]}>
                {t(p.user.windowPosts[w.id] === 'A' ? 'postA' : 'postB')}
              </span>
            )}
            <span class={`badge badge-${w.status}`}>{t(STATUS_LABEL[w.status])}</span>
            {w.staffName && <span class="muted">{t('onDuty', { name: w.staffName })}</span>}
          </button>
        ))}
      </div>
    </main>
  );
}
