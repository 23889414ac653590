import type { Accounts } from './access/accounts.ts';
import type { AssignmentService } from './assignments/index.ts';
import type { DesignAccess } from './access/design-access.ts';
import type { People } from './access/people.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import type { DesignHistory } from './design-history.ts';
import type { DesignStore } from './design-store.ts';
import type { GuestIdentities } from './identity.ts';
import type { JobRunner } from './jobs/index.ts';
import type { Logger } from './logger.ts';
import type { Realtime } from './realtime.ts';
import type { RunStore } from './run-store.ts';
import type { WorkshopLive } from './workshops/workshop-live.ts';
import type { WorkshopStore } from './workshops/workshop-store.ts';

/**
 * What the running server offers to route handlers and server components.
 * Next compiles `app/` into its own bundle, so the one instance made by
 * server/main.ts is handed over through a global rather than re-created.
 */
export interface Services {
  config: Config;
  db: Db;
  designs: DesignStore;
  history: DesignHistory;
  runs: RunStore;
  realtime: Realtime;
  identities: GuestIdentities;
  people: People;
  accounts: Accounts;
  access: DesignAccess;
  jobs: JobRunner;
  assignments: AssignmentService;
  workshops: WorkshopStore;
  workshopLive: WorkshopLive;
  log: Logger;
  version: string;
}

const KEY = Symbol.for('multihead.services');
type Holder = { [KEY]?: Services };

export function provideServices(services: Services): void {
  (globalThis as Holder)[KEY] = services;
}

/** The running server's services; throws when the app was not started by server/main.ts. */
export function services(): Services {
  const s = (globalThis as Holder)[KEY];
  if (!s) throw new Error('Multihead services are not running: start the app with `npm start` (server/main.ts).');
  return s;
}
