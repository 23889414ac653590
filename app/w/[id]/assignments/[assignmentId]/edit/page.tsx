import { services } from '@/server/services';
import { AssignmentEditor } from '../../assignment-editor';
import { pagePerson } from '../../load';
import { Refusal } from '../../refusal';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Edit assignment · Multihead' };

export default async function EditAssignmentPage({ params }: { params: Promise<{ id: string; assignmentId: string }> }) {
  const { id, assignmentId } = await params;
  const found = await services().assignments.asInstructor(id, assignmentId, await pagePerson());
  if (!found.ok) return <Refusal workshopId={id} message={found.message} />;
  return <AssignmentEditor workshopId={id} assignmentId={assignmentId} initial={found.value.spec} referenceDesignId={found.value.referenceDesignId} />;
}
