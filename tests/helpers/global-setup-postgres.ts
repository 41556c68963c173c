import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';
import type {} from './test-store.js';

/** The `postgres` project's one PostgreSQL cluster for the whole run; each test app copies a seeded template on it. */
export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide('pgClusterUrl', server.url);
  return () => server.stop();
}
