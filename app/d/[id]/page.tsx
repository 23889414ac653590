import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DesignId } from '@/lib/protocol/messages';
import { services } from '@/server/services';
import { DesignEditor } from './design-editor';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  return DesignId.safeParse(id).success ? services().designs.get(id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const design = await load((await params).id);
  return { title: design ? `${design.title} · Multihead` : 'Not found · Multihead' };
}

export default async function DesignPage({ params }: Props) {
  const design = await load((await params).id);
  if (!design) notFound();
  return <DesignEditor designId={design.id} initialTitle={design.state.title} />;
}
