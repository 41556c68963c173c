import type { BoardCall, BoardState, BoardWindow } from '../shared/board-state.js';
import { bannerCall, callsOfZone, windowsOfZone } from '../shared/board-state.js';
import { CalendarClock } from '../shared/clock.js';
import { t } from '../shared/i18n.js';
import type { BoardHallFacts } from '../shared/use-hall-facts.js';
import { announcedZones, callsFromZones, OtherZoneCalls } from './other-zone-calls.js';
import { DoorCodePanel } from './door-code.js';
import { WaitingStrip } from './waiting-strip.js';

export interface HallBoardProps {
  facts: BoardHallFacts;
  state: BoardState;
  zoneId: string | null;
  /** seq of the call flashing now (a live call, for a few seconds) */
  flashingSeq: number | null;
  /** the board's token: it also fetches the hall's door code */
  token: string;
}

/** The 1920×1080 hall screen: latest call large, every window's number, recent calls, queues, clock, notice. */
export function HallBoard(p: HallBoardProps) {
  const zone = p.facts.zones.find((z) => z.id === p.zoneId);
  const calls = callsOfZone(p.state, p.zoneId);
  // a finished or skipped call leaves the banner; it stays in 最近叫号
  const latest = bannerCall(calls);
  const recent = calls.filter((c) => c !== latest);
  return (
    <div class="hall-board">
      <header class="hb-head">
        <div class="hb-title">
          {p.facts.name}
          {zone ? <span class="hb-zone">{zone.name}</span> : null}
        </div>
        <DoorCodePanel token={p.token} hallId={p.facts.id} />
        <CalendarClock timeZone={p.facts.timezone} />
      </header>
      <main class="hb-main">
        <section class="hb-left">
          <LatestCall call={latest} flashing={latest !== undefined && latest.seq === p.flashingSeq} />
          <RecentCalls calls={recent.slice(0, 8)} />
          <OtherZoneCalls calls={callsFromZones(p.state, p.facts, announcedZones(p.facts, p.zoneId))} />
        </section>
        <WindowList windows={windowsOfZone(p.state, p.zoneId)} />
      </main>
      <WaitingStrip facts={p.facts} state={p.state} zoneId={p.zoneId} />
      <Notice text={p.facts.notice || t('welcome', { hall: p.facts.name })} />
    </div>
  );
}

function LatestCall(p: { call: BoardCall | undefined; flashing: boolean }) {
  if (!p.call) return <div class="hb-latest hb-latest-empty">{t('noCalls')}</div>;
  return (
    <div
      class={`hb-latest ${p.flashing ? 'flashing' : ''}`}
      key={p.call.seq}
      data-latest-call
      data-call-number={p.call.number}
      data-window-number={String(p.call.windowNumber)}
    >
      <div class="hb-latest-label">
        {t('latestCall')}
        {p.call.recall && <span class="recall-mark">{t('recallMark')}</span>}
      </div>
      <div class="hb-latest-line">
        <span class="word">{t('please')}</span>
        <span class="hb-latest-number">{p.call.number}</span>
        <span class="word">
          {t('hao')} {t('to')}
        </span>
        <span class="hb-latest-window">{p.call.windowNumber}</span>
        <span class="word">{t('windowSuffix')}</span>
      </div>
    </div>
  );
}

function RecentCalls(p: { calls: BoardCall[] }) {
  return (
    <div class="hb-recent">
      <h2>{t('recentCalls')}</h2>
      <ol>
        {p.calls.map((c) => (
          <li key={`${c.number}-${c.windowId}`} data-call-number={c.number} data-window-number={String(c.windowNumber)}>
            <span class="rc-number">{c.number}</span>
            <span class="rc-arrow">→</span>
            <span class="rc-window">
              {c.windowNumber}
              {t('windowSuffix')}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function windowState(w: BoardWindow): { cls: string; text: string; reason?: string } {
  if (w.status === 'closed') return { cls: 'closed', text: t('statusClosed') };
  if (w.status === 'paused') return { cls: 'paused', text: t('statusPaused'), ...(w.reason ? { reason: w.reason } : {}) };
  if (w.current?.status === 'called') return { cls: 'open', text: t('statusCalled') };
  return { cls: 'open', text: w.current?.status === 'serving' ? t('statusOpen') : t('statusIdle') };
}

function WindowList(p: { windows: BoardWindow[] }) {
  const dense = p.windows.length > 10;
  return (
    <section class={`hb-windows ${dense ? 'dense' : ''}`}>
      {p.windows.map((w) => {
        const s = windowState(w);
        const shown = w.status === 'open' && w.current ? w.current.number : '';
        return (
          <div class={`hb-window ${s.cls}`} key={w.id} data-window-id={w.id} data-window-number={String(w.number)} data-window-status={w.status}>
            <span class="hbw-no">{w.number}</span>
            <span class="hbw-number" data-current-number={shown}>
              {shown || '—'}
            </span>
            <span class="hbw-state">
              {s.text}
              {s.reason && (
                <span class="hbw-reason" data-pause-reason>
                  {s.reason}
                </span>
              )}
            </span>
          </div>
        );
      })}
    </section>
  );
}

function Notice(p: { text: string }) {
  return (
    <footer class="hb-notice" data-notice>
      <div class="marquee">
        <span>{p.text}</span>
        <span aria-hidden="true">{p.text}</span>
      </div>
    </footer>
  );
}
