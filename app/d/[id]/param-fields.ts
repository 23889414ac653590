import { z } from 'zod';
import { catalogEntry } from '@/lib/design/catalog';

/** One input of the inspector's form, read from a node type's params schema. */
export type ParamField =
  | { kind: 'number'; name: string; integer: boolean; min?: number; max?: number }
  | { kind: 'enum'; name: string; options: string[] }
  | { kind: 'boolean'; name: string }
  /** A reference to another node, or null (tied weights). */
  | { kind: 'node-ref'; name: string };

interface JsonSchemaProperty {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchemaProperty[];
}

const cache = new Map<string, ParamField[]>();

/**
 * The form fields of a node type, in the schema's order: the catalog's zod
 * schema is the single source of ranges and choices, read through its JSON
 * Schema so the editor does not depend on zod's internals.
 */
export function paramFields(type: string): ParamField[] {
  const cached = cache.get(type);
  if (cached) return cached;
  const entry = catalogEntry(type);
  if (!entry) return [];
  const schema = z.toJSONSchema(entry.params, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchemaProperty> };
  const fields = Object.entries(schema.properties ?? {}).flatMap(([name, p]): ParamField[] => {
    if (p.enum && p.enum.every((o) => typeof o === 'string')) return [{ kind: 'enum', name, options: p.enum as string[] }];
    if (p.type === 'integer' || p.type === 'number') return [{ kind: 'number', name, integer: p.type === 'integer', min: p.minimum, max: p.maximum }];
    if (p.type === 'boolean') return [{ kind: 'boolean', name }];
    if (p.anyOf?.some((a) => a.type === 'string') && p.anyOf.some((a) => a.type === 'null')) return [{ kind: 'node-ref', name }];
    return [];
  });
  cache.set(type, fields);
  return fields;
}
