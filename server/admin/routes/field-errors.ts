import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';

/**
 * Schema errors that name the field in the hall's dotted form ("body.windows[0].number: must be
 * ≥ 1"), including the name of a field that is not allowed at all.
 */
export function nameFieldsInErrors(app: FastifyInstance): void {
  app.setSchemaErrorFormatter((errors: FastifySchemaValidationError[], dataVar: string) => {
    const first = errors[0];
    if (!first) return new Error(`${dataVar}: invalid`);
    const extra = (first.params as { additionalProperty?: string } | undefined)?.additionalProperty;
    const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
    const path = (first.instancePath ?? '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');
    const field = `${dataVar}${path}${extra ? `.${extra}` : missing ? `.${missing}` : ''}`;
    const message = extra ? 'is not a known field' : missing ? 'is required' : (first.message ?? 'is invalid');
    return new Error(`${field}: ${message}`);
  });
}
