import { services } from '@/server/services';
import { pagePerson } from '../load';
import { Refusal } from '../refusal';
import { AssignmentOverview } from './assignment-overview';
import { ParticipantAssignmentView } from './participant-assignment';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Assignment · Multihead' };

/** An assignment: the instructor's overview, or a participant's prompt, tests, submissions and results. */
export default async function AssignmentPage({ params }: { params: Promise<{ id: string; assignmentId: string }> }) {
  const { id, assignmentId } = await params;
  const view = await services().assignments.view(id, assignmentId, await pagePerson());
  if (!view.ok) return <Refusal workshopId={id} message={view.message} />;
  if (view.value.role === 'instructor') return <AssignmentOverview workshopId={id} assignment={view.value.assignment} />;
  return <ParticipantAssignmentView workshopId={id} initial={view.value} />;
}
