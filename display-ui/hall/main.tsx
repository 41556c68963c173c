import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BrowserVoice } from '../shared/browser-voice.js';
import type { BoardCall } from '../shared/board-state.js';
import { lang, t } from '../shared/i18n.js';
import { BoardMessage } from '../shared/board-message.js';
import { OfflineMark } from '../shared/offline-mark.js';
import { useBoard } from '../shared/use-board.js';
import { useHallFacts, voiceSettings, type BoardHallFacts } from '../shared/use-hall-facts.js';
import { HallBoard } from './hall-board.js';
import { announcedZones } from './other-zone-calls.js';
import { LedBoard } from './led-board.js';
import '../shared/boards.css';

const params = new URLSearchParams(window.location.search);
const hallId = params.get('hall');
const zoneId = params.get('zone');
const token = params.get('token') ?? '';
const led = params.get('mode') === 'led';
/** how long a new call flashes */
const FLASH_MS = 6000;

function useFlash(): [number | null, (call: BoardCall) => void] {
  const [seq, setSeq] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return [
    seq,
    (call) => {
      setSeq(call.seq);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setSeq(null), FLASH_MS);
    },
  ];
}

/**
 * What a zone's board says for a call: '' for its own zone (or a hall-wide board), the zone's
 * name for a zone it carries (announceFrom), null for calls it does not announce.
 */
function placeOfCall(facts: BoardHallFacts, zone: string | null, windowId: string): string | null {
  const callZone = facts.windows.find((w) => w.id === windowId)?.zoneId;
  if (!zone || callZone === zone) return '';
  if (callZone && announcedZones(facts, zone).includes(callZone)) return facts.zones.find((z) => z.id === callZone)?.name ?? '';
  return null;
}

function HallBoardApp() {
  const { facts, unauthorized, reload } = useHallFacts(token, hallId);
  const [flashingSeq, flash] = useFlash();
  const voice = useRef<BrowserVoice | null>(null);
  useEffect(() => {
    if (!hallId || !zoneId) return;
    void voiceSettings(token, hallId, zoneId).then((v) => {
      if (v?.speaker === 'browser') voice.current = new BrowserVoice(v);
    });
  }, []);
  const { state, online, error, updatedAt } = useBoard({
    token,
    hallId,
    zoneId,
    onCall: (call) => {
      flash(call);
      const place = facts ? placeOfCall(facts, zoneId, call.windowId) : null;
      if (place !== null) voice.current?.announce({ ...call, ...(place ? { place } : {}) });
    },
    onConfigChanged: () => void reload(),
  });
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('hallBoard');
  }, []);

  if (!hallId) return <BoardMessage text={t('missingParam', { name: 'hall' })} />;
  if (unauthorized || error === 'UNAUTHORIZED') return <BoardMessage text={t('badToken')} />;
  if (!facts || !state) return <BoardMessage text="…" />;
  return (
    <>
      {led ? (
        <LedBoard facts={facts} state={state} zoneId={zoneId} flashingSeq={flashingSeq} />
      ) : (
        <HallBoard facts={facts} state={state} zoneId={zoneId} flashingSeq={flashingSeq} token={token} />
      )}
      {!online && <OfflineMark since={updatedAt} timeZone={facts.timezone} />}
    </>
  );
}

render(<HallBoardApp />, document.getElementById('app')!);
