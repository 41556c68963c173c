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
  if (mayRunBrowserTests(process.argv.slice(2))) {
    try {
      await build({ logLevel: 'silent', build: { outDir: publicDir, emptyOutDir: true } });
    } catch (e) {
      uiBuildError = e instanceof Error ? e.message : String(e);
    }
  } else {
    uiBuildError = 'not built: this run was limited to folders without browser tests';
  }
  project.provide('publicDir', publicDir);
  project.provide('uiBuildError', uiBuildError);
  return () => rmSync(publicDir, { recursive: true, force: true });
}

/**
 * Browser tests live in tests/e2e. A run limited to other test folders (`vitest run
 * tests/unit tests/integration/http`) skips the UI build; any other filter builds it.
 */
export function mayRunBrowserTests(args: readonly string[]): boolean {
  const filters = args.filter((a) => !a.startsWith('-') && a !== 'run');
  if (filters.length === 0) return true;
  return filters.some((f) => {
    const path = f.replace(/^\.\//, '');
    return !path.startsWith('tests/') || path.includes('e2e') || 'tests/e2e/'.startsWith(path.endsWith('/') ? path : `${path}/`);
  });
}
