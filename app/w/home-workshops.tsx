import Link from 'next/link';
import type { Participant } from '@/lib/protocol/messages';
import { services } from '@/server/services';
import { JoinWorkshopForm } from './join-form';
import './workshop.css';

/** The home page's workshop corner: join one with a code, start one, and the ones you are in. */
export async function HomeWorkshops({ person }: { person: Participant }) {
  const workshops = await services().workshops.listMine(person.id);
  return (
    <section className="home-workshops" aria-label="Workshops">
      <h2>Workshops</h2>
      <div className="workshop-card" style={{ display: 'grid', gap: '0.6rem' }}>
        <JoinWorkshopForm defaultName={person.name} />
        <p>
          <Link href="/w/new">New workshop</Link> <span className="muted">— run a session of groups, each in its own room.</span>
        </p>
        {workshops.length > 0 && (
          <ul className="design-list" aria-label="My workshops">
            {workshops.map((w) => (
              <li key={w.id}>
                <Link href={`/w/${w.id}`}>
                  <span>
                    {w.title}
                    <span className="design-role"> · {w.role === 'instructor' ? 'Instructor' : 'Participant'}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
