import type { Starter } from '../grading/assignment-spec.ts';
import type { DesignDocument } from '../design/document.ts';

/** A workshop as its page shows it. */
export interface WorkshopView {
  id: string;
  title: string;
  grouping: 'auto' | 'pick';
  groupSize: number;
  starter: Starter;
  joinCode: string | null;
  joinToken: string | null;
  you: { role: 'instructor' | 'participant'; groupId: string | null; displayName: string };
  groups: Array<{ id: string; number: number; name: string; designId: string; members: string[] }>;
}

export interface WorkshopSummary {
  id: string;
  title: string;
  role: 'instructor' | 'participant';
  createdAt: string;
}

/** One group's room as the instructor's dashboard shows it. */
export interface GroupRoomStatus {
  id: string;
  number: number;
  name: string;
  designId: string;
  members: string[];
  /** Who has the room open now. */
  present: string[];
  doc: DesignDocument;
  version: number;
  errors: number;
  warnings: number;
  params: number;
  latestRun: string | null;
  latestTraining: string | null;
}
