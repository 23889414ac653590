import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="not-found">
      <h1>Design not found</h1>
      <p>There is no design at this address. It may have been deleted, or the link is mistyped.</p>
      <p>
        <Link href="/">Back to all designs</Link>
      </p>
    </main>
  );
}
