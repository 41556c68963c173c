import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertInHall } from '../../app/actor.js';
import type { AppContext } from '../../app/context.js';
import { windowReport, windowReportCsv } from '../../app/window-report.js';
import { requireUser } from '../auth-hook.js';
import { bearer } from '../schemas.js';

const ReportQuery = Type.Object({
  hallId: Type.String({ minLength: 1, maxLength: 64 }),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
});

export async function reportRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get<{ Querystring: Static<typeof ReportQuery> }>(
    '/api/reports/windows',
    {
      schema: {
        tags: ['reports'],
        summary: 'Per window and staff: volumes, waits, service times, evaluations (JSON or CSV)',
        querystring: ReportQuery,
        security: bearer,
      },
    },
    async (request, reply) => {
      const user = requireUser(request, ['manager', 'admin']);
      const { hallId, from, to, format } = request.query;
      assertInHall(user, hallId);
      const report = await windowReport(ctx, hallId, new Date(from).toISOString(), new Date(to).toISOString());
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="window-report-${hallId}.csv"`)
          .send(windowReportCsv(report));
      }
      return report;
    },
  );
}
