import { exportFileName } from '@/lib/export/file-name';
import { apiError } from '@/server/http';
import { assignmentRoute } from '@/server/assignments/assignment-route';

export const dynamic = 'force-dynamic';

/** The gradebook as a CSV download (instructor only): one row per participant, with group, each test, late penalty and total. */
export const GET = assignmentRoute<{ id: string; assignmentId: string }>(async (_req, { params, person, assignments }) => {
  const outcome = await assignments.reports.gradebookCsv(params.id, params.assignmentId, person);
  if (!outcome.ok) return apiError(outcome.status, outcome.code, outcome.message);
  return new Response(outcome.value.csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(`${outcome.value.title} gradebook`, 'csv')}"`,
      'cache-control': 'no-store',
    },
  });
});
