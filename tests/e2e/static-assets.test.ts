import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPublicDir } from '../helpers/public-dir.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { TOKENS } from '../helpers/test-config.js';

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('static assets: precompressed, cached for a year when hashed', () => {
  let app: TestApp;
  let publicDir: string;
  let scripts: string[];
  beforeAll(async () => {
    publicDir = builtPublicDir();
    app = await buildTestApp({ publicDir });
    const page = await rawGet(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`, 'identity');
    scripts = [...page.body.toString('utf8').matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the kiosk page names hashed scripts and styles, and is itself revalidated on every load', async () => {
    expect(scripts.length).toBeGreaterThan(0);
    const page = await rawGet(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`, 'br');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('sends brotli to a browser that accepts it: smaller, the same bytes once decoded, immutable for a year', async () => {
    const worthIt = scripts.filter((path) => readFileSync(join(publicDir, path)).length >= 1024); // smaller ones go as they are
    expect(worthIt.length).toBeGreaterThan(0);
    for (const path of worthIt) {
      const plain = readFileSync(join(publicDir, path));
      const res = await rawGet(`${app.url}${path}`, 'gzip, deflate, br');
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.body.length).toBeLessThan(plain.length);
      expect(brotliDecompressSync(res.body).equals(plain)).toBe(true);
    }
  });

  it('sends gzip to one that accepts only gzip, and the file itself to one that accepts neither', async () => {
    const path = scripts.find((p) => readFileSync(join(publicDir, p)).length >= 1024)!;
    const plain = readFileSync(join(publicDir, path));
    const gz = await rawGet(`${app.url}${path}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);
    const identity = await rawGet(`${app.url}${path}`, 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(plain)).toBe(true);
    expect(identity.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
