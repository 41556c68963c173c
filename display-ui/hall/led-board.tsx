import { bannerCall, callsOfZone, type BoardState } from '../shared/board-state.js';
import { t } from '../shared/i18n.js';
import type { BoardHallFacts } from '../shared/use-hall-facts.js';

/**
 * `?mode=led`: the compact 4-line LED-like board — the latest call (flashing), two lines of
 * recent calls, and the scrolling notice.
 */
export function LedBoard(p: { facts: BoardHallFacts; state: BoardState; zoneId: string | null; flashingSeq: number | null }) {
  const calls = callsOfZone(p.state, p.zoneId);
  const latest = bannerCall(calls);
  const rest = calls.filter((c) => c !== latest);
  const pairs = [rest.slice(0, 2), rest.slice(2, 4)];
  return (
    <div class="led-board">
      <div
        class={`led-line led-first ${latest && latest.seq === p.flashingSeq ? 'flashing' : ''}`}
        {...(latest ? { 'data-call-number': latest.number, 'data-window-number': String(latest.windowNumber) } : {})}
      >
        {latest ? t('callLine', { number: latest.number, window: latest.windowNumber }).replace(/\s+办理$/, '') : t('ledIdle')}
      </div>
      {pairs.map((pair, i) => (
        <div class="led-line" key={i}>
          {pair.map((c) => (
            <span class="led-cell" key={`${c.number}-${c.windowId}`} data-call-number={c.number} data-window-number={String(c.windowNumber)}>
              {c.number}→{c.windowNumber}
              {t('windowSuffix')}
            </span>
          ))}
        </div>
      ))}
      <div class="led-line led-notice">
        <span>{p.facts.notice || t('welcome', { hall: p.facts.name })}</span>
      </div>
    </div>
  );
}
