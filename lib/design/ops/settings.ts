import { DesignSettings, type DesignDocument } from '../document.ts';
import { commit, refuse } from './commit.ts';
import type { OpResult, SettingsPatch } from './schema.ts';

/** Changes some run settings; the inverse restores exactly the keys it changed. */
export function setSettings(doc: DesignDocument, patch: SettingsPatch): OpResult<DesignDocument> {
  const current = doc.settings;
  const parsed = DesignSettings.safeParse({ ...current, ...patch, training: { ...current.training, ...patch.training } });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('bad-settings', `${issue.path.join('.')}: ${issue.message}`);
  }
  const old: SettingsPatch = {};
  if (patch.batchSize !== undefined) old.batchSize = current.batchSize;
  if (patch.seed !== undefined) old.seed = current.seed;
  if (patch.training) {
    const training: Record<string, unknown> = {};
    for (const key of Object.keys(patch.training)) training[key] = current.training[key as keyof typeof current.training];
    old.training = training as SettingsPatch['training'];
  }
  return commit(doc, { ...doc, settings: parsed.data }, { type: 'setSettings', settings: old });
}
