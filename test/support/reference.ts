/** The upstream schemas and API models, in `../shared/reference` beside the repository (as in CI). */
import { join } from 'node:path';

export const REFERENCE_ROOT = join(import.meta.dirname, '../../../shared/reference');
