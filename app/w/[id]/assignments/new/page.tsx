import { services } from '@/server/services';
import { AssignmentEditor } from '../assignment-editor';
import { pagePerson } from '../load';
import { Refusal } from '../refusal';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New assignment · Multihead' };

export default async function NewAssignmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const person = await pagePerson();
  const workshop = await services().db.workshop.findUnique({ where: { id }, select: { instructorId: true } }).catch(() => null);
  if (!workshop) return <Refusal workshopId={id} message="There is no such workshop." />;
  if (workshop.instructorId !== person.id) return <Refusal workshopId={id} message="Only the workshop’s instructor may set assignments." />;
  return <AssignmentEditor workshopId={id} />;
}
