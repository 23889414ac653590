import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { services } from '@/server/services';
import { JoinWorkshopForm } from '../../join-form';
import '../../workshop.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Join a workshop · Multihead' };

type Props = { params: Promise<{ token: string }> };

/** The page a join link opens: a name to go by, then into the workshop. */
export default async function JoinWorkshopPage({ params }: Props) {
  const { token } = await params;
  const person = await services().people.personOf((await headers()).get('cookie') ?? undefined);
  return (
    <main className="workshop-page">
      <header>
        <Link href="/">Multihead</Link>
        <h1>Join the workshop</h1>
      </header>
      <div className="workshop-card">
        <p>Choose the name the instructor and your group will see.</p>
        <JoinWorkshopForm token={token.slice(0, 64)} defaultName={person.name} />
      </div>
    </main>
  );
}
