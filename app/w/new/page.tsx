import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { listTemplates } from '@/lib/design/templates';
import { services } from '@/server/services';
import { NewWorkshopForm } from './new-workshop-form';
import '../workshop.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New workshop · Multihead' };

export default async function NewWorkshopPage() {
  const { people, designs } = services();
  const person = await people.personOf((await headers()).get('cookie') ?? undefined);
  const mine = await designs.list(100, person.id);
  return (
    <main className="workshop-page">
      <header>
        <Link href="/">Multihead</Link>
        <h1>New workshop</h1>
      </header>
      <NewWorkshopForm templates={listTemplates().map((t) => ({ name: t.name, title: t.title }))} designs={mine.map((d) => ({ id: d.id, title: d.title }))} />
    </main>
  );
}
