/** A date and time as people read it, e.g. "25 Nov 2026, 14:05" (UTC on the server, local in the browser). */
export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
