import { countDesign } from '../../lib/compile/count.ts';
import { emptyDesignDocument } from '../../lib/design/document.ts';
import { validateDesign } from '../../lib/design/validate.ts';
import type { GroupRoomStatus } from '../../lib/protocol/workshop-http.ts';
import { jobHeadline } from '../../lib/workshop/controls.ts';
import type { DesignStore } from '../design-store.ts';
import type { Realtime } from '../realtime.ts';
import type { RunStore } from '../run-store.ts';
import type { WorkshopStore } from './workshop-store.ts';

/**
 * Every group's room as the instructor's dashboard shows it: the design as
 * stored now, its validation and size, the latest run and training, and who
 * has it open (from the realtime connections).
 */
export async function groupStatuses(workshopId: string, deps: { workshops: WorkshopStore; designs: DesignStore; runs: RunStore; realtime: Realtime }): Promise<GroupRoomStatus[]> {
  const [groups, names] = await Promise.all([deps.workshops.groups(workshopId), deps.workshops.displayNames(workshopId)]);
  return Promise.all(
    groups.map(async (g) => {
      const [design, latest] = await Promise.all([deps.designs.get(g.designId), deps.runs.latest(g.designId)]);
      const doc = design?.state.doc ?? emptyDesignDocument();
      const validation = validateDesign(doc);
      const cost = countDesign(doc, validation);
      return {
        id: g.id,
        number: g.number,
        name: g.name,
        designId: g.designId,
        members: g.members,
        present: peopleIn(deps.realtime, g.designId, names),
        doc,
        version: design?.version ?? 0,
        errors: validation.diagnostics.filter((d) => d.severity === 'error').length,
        warnings: validation.diagnostics.filter((d) => d.severity === 'warning').length,
        params: cost.total.params,
        latestRun: jobHeadline(latest.run),
        latestTraining: jobHeadline(latest.train),
      };
    }),
  );
}

/** Who works in a design now, each once, by the name they gave the workshop (spotlight viewers are only looking). */
function peopleIn(realtime: Realtime, designId: string, names: Map<string, string>): string[] {
  const here = new Map<string, string>();
  for (const s of realtime.io.sockets.sockets.values()) {
    const data = s.data as { designId?: string; role?: string; person?: { id: string; name: string } };
    if (data.designId === designId && data.role !== 'viewer' && data.person) here.set(data.person.id, names.get(data.person.id) ?? data.person.name);
  }
  return [...here.values()];
}
