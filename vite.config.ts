import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

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

/**
 * Writes a .br and a .gz beside every text asset of the build, once: the server sends them to
 * browsers that accept them (@fastify/static preCompressed) and spends no CPU per request.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'hallq-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist/public';
      await Promise.all(
        Object.values(bundle).map(async (file) => {
          if (!/\.(js|css|html|svg|json)$/.test(file.fileName)) return;
          const bytes = Buffer.from(file.type === 'chunk' ? file.code : file.source);
          if (bytes.length < 1024) return;
          const path = join(dir, file.fileName);
          await writeFile(
            `${path}.br`,
            await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
          );
          await writeFile(`${path}.gz`, await gz(bytes, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [precompress()],
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
