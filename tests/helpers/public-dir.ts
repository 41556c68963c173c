import { inject } from 'vitest';

/** The UI built for this test run; throws (failing the calling test) when the build failed. */
export function builtPublicDir(): string {
  const error = inject('uiBuildError');
  if (error) throw new Error(`the UI did not build: ${error}`);
  return inject('publicDir');
}
