import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { DesignId } from '@/lib/protocol/messages';
import { services } from '@/server/services';
import { DesignEditor } from './design-editor';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** The design and your role on it; null when it does not exist or you have no access (the same 404 either way). */
async function load(id: string) {
  if (!DesignId.safeParse(id).success) return null;
  const { people, access, designs } = services();
  const person = await people.personOf((await headers()).get('cookie') ?? undefined);
  const role = await access.roleOf(person.id, id);
  const design = role ? await designs.get(id) : null;
  return design && role ? { design, role } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load((await params).id);
  return { title: found ? `${found.design.title} · Multihead` : 'Not found · Multihead' };
}

export default async function DesignPage({ params }: Props) {
  const found = await load((await params).id);
  if (!found) notFound();
  return <DesignEditor designId={found.design.id} initialTitle={found.design.state.title} initialRole={found.role} />;
}
