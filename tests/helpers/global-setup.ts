import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    publicDir: string;
  }
}

/**
 * Builds the UI once per test run into its own temp folder, so that browser tests see the
 * pages of this very tree and parallel runs never share a half-written dist/.
 */
export default async function setup(project: TestProject) {
  const publicDir = mkdtempSync(join(tmpdir(), 'hallq-ui-'));
  await build({ logLevel: 'warn', build: { outDir: publicDir, emptyOutDir: true } });
  project.provide('publicDir', publicDir);
  return () => rmSync(publicDir, { recursive: true, force: true });
}
