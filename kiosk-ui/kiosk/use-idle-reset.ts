import { useEffect, useRef } from 'preact/hooks';

const TOUCH_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'input'] as const;

/**
 * Calls onIdle once nobody has touched the screen for `seconds`, while `dirty` says the kiosk is
 * not already as the next visitor should find it. A visitor who walks away must not leave English,
 * 大字模式, 绿色通道 or a half-typed appointment code to the next one.
 */
export function useIdleReset(seconds: number, dirty: boolean, onIdle: () => void): void {
  const last = useRef(Date.now());
  const latest = useRef(onIdle);
  latest.current = onIdle;

  useEffect(() => {
    const touched = () => {
      last.current = Date.now();
    };
    for (const name of TOUCH_EVENTS) document.addEventListener(name, touched, { capture: true, passive: true });
    return () => {
      for (const name of TOUCH_EVENTS) document.removeEventListener(name, touched, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (!dirty) return;
    // becoming dirty is itself a touch (a tap on a toggle): count the idle time from now
    last.current = Math.max(last.current, Date.now() - 250);
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= seconds * 1000) latest.current();
    }, 500);
    return () => window.clearInterval(timer);
  }, [dirty, seconds]);
}
