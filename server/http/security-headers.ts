import type { FastifyInstance } from 'fastify';

/**
 * The pages' Content-Security-Policy: only this server's scripts; styles may be inline (Preact
 * style attributes, ECharts); the QR code is inline SVG; sockets go back to this server.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "media-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers on every answer (what @fastify/helmet would set, for the few we need). The
 * pages' URLs carry device and ticket tokens: no Referer leaves the site. The API docs' page
 * (/docs, swagger-ui) brings its own inline script, so it gets no CSP.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !request.url.startsWith('/docs')) reply.header('content-security-policy', PAGE_CSP);
    return payload;
  });
}
