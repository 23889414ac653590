import Link from 'next/link';
import { services } from '@/server/services';
import { ImportDropZone } from './import-drop-zone';
import { NewDesignButton } from './new-design-button';
import { ThemeSwitch } from './theme-switch';

export const dynamic = 'force-dynamic';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function Home() {
  const designs = await services().designs.list();
  return (
    <main className="home">
      <header>
        <div>
          <h1>Multihead</h1>
          <p className="tagline">Build Transformers together, layer by layer, and see what each choice does.</p>
        </div>
        <div className="home-actions">
          <ThemeSwitch />
          <NewDesignButton />
        </div>
      </header>
      <ImportDropZone />
      <h2>Designs</h2>
      {designs.length === 0 ? (
        <p className="empty">No designs yet. Start one with “New design”.</p>
      ) : (
        <ul className="design-list" aria-label="Designs">
          {designs.map((d) => (
            <li key={d.id}>
              <Link href={`/d/${d.id}`}>
                <span>{d.title}</span>
                <time dateTime={d.updatedAt}>Last edited {dateFormat.format(new Date(d.updatedAt))} UTC</time>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
