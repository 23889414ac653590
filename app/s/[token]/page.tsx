import Link from 'next/link';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { services } from '@/server/services';
import '../../account.css';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Shared design · Multihead' };

/** Opening a share link: you become a member of its design with its role, and land in it. */
export default async function ShareLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { people, access } = services();
  const person = await people.personOf((await headers()).get('cookie') ?? undefined);
  const accepted = /^[A-Za-z0-9_-]{1,64}$/.test(token) ? await access.acceptLink(token, person.id) : null;
  if (accepted) redirect(`/d/${accepted.designId}`);
  return (
    <main className="auth-page">
      <h1>This link does not work</h1>
      <p>It was revoked, it expired, or it was never a Multihead link. Ask the design&apos;s owner for a new one.</p>
      <Link href="/">All designs</Link>
    </main>
  );
}
