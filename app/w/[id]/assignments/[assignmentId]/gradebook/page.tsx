import { services } from '@/server/services';
import { pagePerson } from '../../load';
import { Refusal } from '../../refusal';
import { GradebookView } from './gradebook-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Gradebook · Multihead' };

export default async function GradebookPage({ params }: { params: Promise<{ id: string; assignmentId: string }> }) {
  const { id, assignmentId } = await params;
  const book = await services().assignments.reports.gradebook(id, assignmentId, await pagePerson());
  if (!book.ok) return <Refusal workshopId={id} message={book.message} />;
  return <GradebookView workshopId={id} initial={book.value} />;
}
