import { DesignSettings, type DesignDocument } from '../document.ts';
import { commit, refuse } from './commit.ts';
import type { OpRefusal, OpResult, SettingsPatch } from './schema.ts';
import { describeIssue } from '../zod-issue.ts';

/** Settings with a patch applied, and the patch that restores exactly the keys it changed. */
export function patchSettings(current: DesignSettings, patch: SettingsPatch): { ok: true; settings: DesignSettings; undo: SettingsPatch } | OpRefusal {
  const parsed = DesignSettings.safeParse({ ...current, ...patch, training: { ...current.training, ...patch.training } });
  if (!parsed.success) {
    return refuse('bad-settings', describeIssue(parsed.error.issues[0]));
  }
  const undo: SettingsPatch = {};
  if (patch.batchSize !== undefined) undo.batchSize = current.batchSize;
  if (patch.seed !== undefined) undo.seed = current.seed;
  if (patch.training) {
    const training: Record<string, unknown> = {};
    for (const key of Object.keys(patch.training)) training[key] = current.training[key as keyof typeof current.training];
    undo.training = training as SettingsPatch['training'];
  }
  return { ok: true, settings: parsed.data, undo };
}

/** Changes some run settings; the inverse restores exactly the keys it changed. */
export function setSettings(doc: DesignDocument, patch: SettingsPatch): OpResult<DesignDocument> {
  const patched = patchSettings(doc.settings, patch);
  if (!patched.ok) return patched;
  return commit(doc, { ...doc, settings: patched.settings }, { type: 'setSettings', settings: patched.undo });
}
