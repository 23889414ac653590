import './assignments.css';
import Link from 'next/link';

/** What a page shows when the server refuses it: the reason, and the way back to the workshop. */
export function Refusal({ workshopId, message }: { workshopId: string; message: string }) {
  return (
    <main className="av-page">
      <h1>Not available</h1>
      <p role="alert">{message}</p>
      <p>
        <Link href={`/w/${workshopId}`}>Back to the workshop</Link>
      </p>
    </main>
  );
}
