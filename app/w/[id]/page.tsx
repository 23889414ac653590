import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { DesignId } from '@/lib/protocol/messages';
import { services } from '@/server/services';
import { WorkshopPage } from './workshop-page';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** The workshop as you may see it; null when you are not in it (the same 404 as no workshop). */
async function load(id: string) {
  if (!DesignId.safeParse(id).success) return null;
  const { people, workshops } = services();
  const person = await people.personOf((await headers()).get('cookie') ?? undefined);
  return workshops.view(id, person.id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load((await params).id);
  return { title: view ? `${view.title} · Workshop · Multihead` : 'Not found · Multihead' };
}

export default async function Page({ params }: Props) {
  const view = await load((await params).id);
  if (!view) notFound();
  return <WorkshopPage initial={view} />;
}
