import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertInHall } from '../app/actor.js';
import { requireUser } from '../http/auth-hook.js';
import { bearer } from '../http/schemas.js';
import type { SupervisionDeps } from './deps.js';
import { supervisionReport, type ReportDeps, type ReportQuery } from './report.js';
import { reportCsv, reportXlsx, type PeriodReport } from './report-export.js';
import { sheetPeriods } from '../domain/report-periods.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const SummaryQuery = Type.Object(
  {
    hallId: Id,
    from: Day,
    to: Day,
    departmentId: Type.Optional(Id),
    serviceId: Type.Optional(Id),
    windowId: Type.Optional(Id),
    staffId: Type.Optional(Id),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])),
    table: Type.Optional(Type.Union([Type.Literal('windows'), Type.Literal('staff'), Type.Literal('services')])),
    group: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month'), Type.Literal('quarter')])),
  },
  { additionalProperties: false },
);

export function supervisionReportRoutes(deps: SupervisionDeps) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: Static<typeof SummaryQuery> }>(
      '/api/reports/summary',
      {
        schema: {
          tags: ['reports'],
          querystring: SummaryQuery,
          security: bearer,
          summary:
            'Report over business days (from/to inclusive) by hall, department, service, window, staff: volumes, waits, service and walk times, idle/paused time, 好差评, scores, follow-ups, heatmap (JSON, CSV or xlsx)',
        },
      },
      async (request, reply) => {
        const user = requireUser(request, ['manager', 'admin']);
        const { format, table, ...q } = request.query;
        assertInHall(user, q.hallId);
        await deps.aggregator.catchUp(q.hallId, 1);
        const reportDeps = {
          reports: deps.reports,
          followUps: (h: string, f: string, t: string) => deps.records.followUps(h, f, t),
          followUpComments: (h: string, f: string, t: string) => deps.records.followUpComments(h, f, t),
          weights: (h: string) => deps.settings.weights(h),
        };
        const report = await supervisionReport(deps.ctx, reportDeps, q as ReportQuery);
        const name = `report-${q.hallId}-${q.from}-${q.to}`;
        if (format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}-${table ?? 'windows'}.csv"`)
            .send(reportCsv(report, table ?? 'windows'));
        }
        if (format === 'xlsx') {
          return reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${name}.xlsx"`)
            .send(await reportXlsx(report, await periodReports(deps, reportDeps, q as ReportQuery)));
        }
        return report;
      },
    );
  };
}

/** the report again over each day (or month) of the range, for the workbook's period sheets */
async function periodReports(deps: SupervisionDeps, reportDeps: ReportDeps, q: ReportQuery): Promise<PeriodReport[]> {
  const reports: PeriodReport[] = [];
  for (const p of sheetPeriods(q.from, q.to))
    reports.push({ label: p.label, report: await supervisionReport(deps.ctx, reportDeps, { ...q, from: p.from, to: p.to }) });
  return reports;
}
