import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    publicDir: string;
    /** why the UI build failed, or '' when it succeeded */
    uiBuildError: string;
  }
}

/**
 * Builds the UI once per test run into its own temp folder, so that browser tests see the
 * pages of this very tree and parallel runs never share a half-written dist/. A UI that does
 * not build fails the tests that need it (see `builtPublicDir()`), not the whole suite.
 */
export default async function setup(project: TestProject) {
  const publicDir = mkdtempSync(join(tmpdir(), 'hallq-ui-'));
  let uiBuildError = '';
  try {
    await build({ logLevel: 'silent', build: { outDir: publicDir, emptyOutDir: true } });
  } catch (e) {
    uiBuildError = e instanceof Error ? e.message : String(e);
  }
  project.provide('publicDir', publicDir);
  project.provide('uiBuildError', uiBuildError);
  return () => rmSync(publicDir, { recursive: true, force: true });
}
