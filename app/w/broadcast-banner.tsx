'use client';

import { useEffect, useState } from 'react';
import type { WorkshopLiveState } from '@/lib/protocol/workshop-messages';

/** The instructor's latest message, until dismissed (a newer one shows again). */
export function BroadcastBanner({ broadcast }: { broadcast: WorkshopLiveState['broadcast'] }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  useEffect(() => setDismissed(null), [broadcast?.at]);
  if (!broadcast || dismissed === broadcast.at) return null;
  return (
    <div className="workshop-broadcast" role="alert" aria-label="Message from the instructor">
      <span>
        <strong>Instructor:</strong> {broadcast.text}
      </span>
      <button type="button" className="ghost" onClick={() => setDismissed(broadcast.at)}>
        Dismiss
      </button>
    </div>
  );
}
