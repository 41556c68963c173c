/**
 * A public touch screen must not be turned into something else: no text selection, no
 * context menu (long press), no pinch or ctrl-wheel zoom, and never a stack trace on screen.
 */
export function hardenTouchScreen(onUnexpectedError: () => void): void {
  const block = (e: Event) => e.preventDefault();
  document.addEventListener('contextmenu', block);
  document.addEventListener('selectstart', (e) => {
    if (!(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) e.preventDefault();
  });
  document.addEventListener('dragstart', block);
  document.addEventListener('gesturestart', block);
  document.addEventListener(
    'touchmove',
    (e) => {
      if (e.touches.length > 1) e.preventDefault();
    },
    { passive: false },
  );
  document.addEventListener(
    'wheel',
    (e) => {
      if (e.ctrlKey) e.preventDefault();
    },
    { passive: false },
  );
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0'].includes(e.key)) e.preventDefault();
  });
  window.addEventListener('error', (e) => {
    e.preventDefault();
    onUnexpectedError();
  });
  window.addEventListener('unhandledrejection', (e) => {
    e.preventDefault();
    onUnexpectedError();
  });
}
