import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { appointmentsApp } from './steps.js';

describe('appointments in the OpenAPI document', () => {
  let app: TestApp;
  beforeEach(async () => ({ app } = await appointmentsApp()));
  afterEach(() => app.close());

  it("documents the contract's appointment routes and the calendar", async () => {
    const res = await app.http('GET', '/docs/json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/appointments',
      '/api/appointments/{code}',
      '/api/appointments/{code}/check-in',
      '/api/halls/{hallId}/services/{serviceId}/slots',
      '/api/halls/{hallId}/calendar',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
