import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../project-path.js';

export const PUBLIC_DIR = projectPath('dist', 'public');

/** Vite's output names: assets/<name>-<content hash>.<ext>, and the .br/.gz written beside them */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/;

/**
 * The contract's page URLs → the built HTML entry (vite.config.ts lists the same entries).
 * A feature adds its page here.
 */
export const PAGES: { url: string; html: string }[] = [
  { url: '/kiosk/', html: 'kiosk-ui/index.html' },
  { url: '/t/:ticketId', html: 'kiosk-ui/ticket.html' },
  { url: '/display/hall/', html: 'display-ui/hall.html' },
  { url: '/display/window/', html: 'display-ui/window.html' },
  { url: '/staff/', html: 'staff-ui/index.html' },
  { url: '/book/', html: 'kiosk-ui/book.html' },
  { url: '/book/:code', html: 'kiosk-ui/book.html' },
  { url: '/staff/booking/', html: 'staff-ui/booking.html' },
  { url: '/staff/admin/', html: 'staff-ui/admin.html' },
  { url: '/display/monitor/', html: 'display-ui/monitor.html' },
  { url: '/staff/monitor/', html: 'staff-ui/monitor.html' },
  { url: '/staff/reports/', html: 'staff-ui/reports.html' },
];

export async function pageRoutes(app: FastifyInstance, opts: { publicDir?: string }): Promise<void> {
  const publicDir = opts.publicDir ?? PUBLIC_DIR;
  const built = existsSync(publicDir);
  if (built) {
    await app.register(fastifyStatic, {
      root: publicDir,
      prefix: '/',
      index: false,
      wildcard: true,
      decorateReply: true,
      // the build wrote .br/.gz beside each asset; hashed names under assets/ never change
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        if (HASHED_ASSET.test(path)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const send = (reply: FastifyReply, html: string) => {
    if (!built || !existsSync(join(publicDir, html))) {
      return reply.status(503).type('text/plain; charset=utf-8').send('界面尚未构建：请先运行 npm run build (UI not built: run npm run build)');
    }
    return reply.header('cache-control', 'no-cache').sendFile(html);
  };
  for (const page of PAGES) {
    app.get(page.url, { schema: { hide: true } }, (_request, reply) => send(reply, page.html));
    if (page.url.endsWith('/')) {
      app.get(page.url.slice(0, -1), { schema: { hide: true } }, (request, reply) => {
        const q = request.url.indexOf('?');
        return reply.redirect(page.url + (q >= 0 ? request.url.slice(q) : ''));
      });
    }
  }
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/staff/'));
}
