import { describe, expect, it } from 'vitest';
import { MAX_OPS_PAGE, OpsQuery, VersionsQuery } from './http.ts';

describe('history queries', () => {
  it('reads the op log page from query strings, with defaults', () => {
    expect(OpsQuery.parse({})).toEqual({ after: 0, limit: 500 });
    expect(OpsQuery.parse({ after: '40', limit: '10' })).toEqual({ after: 40, limit: 10 });
    expect(OpsQuery.parse({ limit: String(MAX_OPS_PAGE) }).limit).toBe(MAX_OPS_PAGE);
  });

  it('refuses op log pages that are malformed, negative, too large or carry unknown parameters', () => {
    for (const bad of [{ after: '-1' }, { after: 'x' }, { after: '1.5' }, { limit: '0' }, { limit: String(MAX_OPS_PAGE + 1) }, { from: '1' }]) {
      expect(OpsQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('pages versions newest first by limit and before', () => {
    expect(VersionsQuery.parse({})).toEqual({ limit: 100 });
    expect(VersionsQuery.parse({ limit: '50', before: '120' })).toEqual({ limit: 50, before: 120 });
    for (const bad of [{ limit: '501' }, { before: '-3' }, { page: '2' }]) expect(VersionsQuery.safeParse(bad).success).toBe(false);
  });
});
