/** The JSON Schema of orgs.yaml, generated from the zod schema (one source for the check, the type and the docs). */
import { z } from 'zod';
import { ConfigSchema } from '../model/config.js';

export const CONFIG_SCHEMA_ID = 'https://zonesmith.dev/schema/orgs.v1.json';

/** Draft 2020-12, input side (fields with defaults are optional), with field descriptions and examples. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: CONFIG_SCHEMA_ID,
    title: 'zonesmith orgs.yaml (version 1)',
  };
}
