/**
 * Typed reads of JSON request fields. A present field of the wrong type is GitHub's 422 `invalid`;
 * a required field that is absent is `missing_field`.
 */
import { validationFailed } from './api-error.js';

export function optionalString(body: Record<string, unknown>, field: string, resource: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw validationFailed([{ resource, field, code: 'invalid' }]);
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string, resource: string): string {
  const value = optionalString(body, field, resource);
  if (value === undefined || value === '') throw validationFailed([{ resource, field, code: 'missing_field' }]);
  return value;
}

/** Strings that may be sent as JSON null (e.g. a pull request body or a repository description). */
export function optionalNullableString(
  body: Record<string, unknown>,
  field: string,
  resource: string,
): string | null | undefined {
  if (body[field] === null) return null;
  return optionalString(body, field, resource);
}

export function optionalBoolean(body: Record<string, unknown>, field: string, resource: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw validationFailed([{ resource, field, code: 'invalid' }]);
  return value;
}

export function stringArray(body: Record<string, unknown>, field: string, resource: string): string[] {
  const value = body[field];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw validationFailed([{ resource, field, code: 'invalid' }]);
  }
  return value as string[];
}

/** Positive integer path or query parameter; anything else is a 404, as GitHub answers unknown numbers. */
export function positiveInt(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value > 0 ? value : undefined;
}
