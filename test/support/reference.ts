/** The upstream schemas and API models, in `../shared/reference` beside the repository (as in CI); ZONESMITH_REFERENCE overrides. */
import { join } from 'node:path';

export const REFERENCE_ROOT = process.env.ZONESMITH_REFERENCE ?? join(import.meta.dirname, '../../../shared/reference');
