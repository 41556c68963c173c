import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * One multi-page build for the three UIs. Each HTML entry is served by server/http/pages.ts at
 * the contract's URL; add a page in both places.
 */
export const PAGE_ENTRIES: Record<string, string> = {
  kiosk: 'kiosk-ui/index.html',
  ticket: 'kiosk-ui/ticket.html',
  hallBoard: 'display-ui/hall.html',
  windowBoard: 'display-ui/window.html',
  staff: 'staff-ui/index.html',
  book: 'kiosk-ui/book.html',
  staffBooking: 'staff-ui/booking.html',
  staffAdmin: 'staff-ui/admin.html',
  monitorBoard: 'display-ui/monitor.html',
  staffMonitor: 'staff-ui/monitor.html',
  staffReports: 'staff-ui/reports.html',
};

export default defineConfig({
  root: '.',
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: Object.fromEntries(Object.entries(PAGE_ENTRIES).map(([name, file]) => [name, resolve(import.meta.dirname, file)])),
    },
  },
});
