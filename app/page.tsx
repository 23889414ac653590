import Link from 'next/link';
import { headers } from 'next/headers';
import type { DesignSummary, SharedDesignSummary } from '@/lib/protocol/http';
import { services } from '@/server/services';
import { AccountMenu } from './account-menu';
import { ImportDropZone } from './import-drop-zone';
import { NewDesignButton } from './new-design-button';
import { ThemeSwitch } from './theme-switch';
import { HomeWorkshops } from './w/home-workshops';
import './account.css';

export const dynamic = 'force-dynamic';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

const ROLE_WORDS: Record<SharedDesignSummary['role'], string> = { editor: 'Can edit', commenter: 'Can comment', viewer: 'View only' };

function DesignList({ label, designs }: { label: string; designs: Array<DesignSummary & { role?: SharedDesignSummary['role'] }> }) {
  return (
    <ul className="design-list" aria-label={label}>
      {designs.map((d) => (
        <li key={d.id}>
          <Link href={`/d/${d.id}`}>
            <span>
              {d.title}
              {d.role && <span className="design-role"> · {ROLE_WORDS[d.role]}</span>}
            </span>
            <time dateTime={d.updatedAt}>Last edited {dateFormat.format(new Date(d.updatedAt))} UTC</time>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default async function Home() {
  const { people, designs, access } = services();
  const person = await people.personOf((await headers()).get('cookie') ?? undefined);
  const [mine, shared] = await Promise.all([designs.list(200, person.id), access.sharedWith(person.id)]);
  return (
    <main className="home">
      <header>
        <div>
          <h1>Multihead</h1>
          <p className="tagline">Build Transformers together, layer by layer, and see what each choice does.</p>
        </div>
        <div className="home-actions">
          <AccountMenu />
          <ThemeSwitch />
          <NewDesignButton />
        </div>
      </header>
      <ImportDropZone />
      <HomeWorkshops person={person} />
      <h2>My designs</h2>
      {mine.length === 0 ? <p className="empty">No designs yet. Start one with “New design”.</p> : <DesignList label="My designs" designs={mine} />}
      <h2>Shared with me</h2>
      {shared.length === 0 ? (
        <p className="empty">Nothing shared with you yet: open a share link someone sent you.</p>
      ) : (
        <DesignList label="Shared with me" designs={shared} />
      )}
    </main>
  );
}
