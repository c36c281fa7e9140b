/**
 * GitHub's error bodies. A handler throws ApiError; the server turns it into the response, so every error
 * path answers with GitHub's shape (`message`, `documentation_url`, and `errors` for 422).
 */

export const DOCS_URL = 'https://docs.github.com/rest';

export interface ValidationErrorItem {
  readonly resource: string;
  readonly code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  readonly field?: string;
  readonly message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Readonly<Record<string, unknown>> & { readonly message: string },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export function notFound(): ApiError {
  return new ApiError(404, { message: 'Not Found', documentation_url: DOCS_URL, status: '404' });
}

export function badCredentials(): ApiError {
  return new ApiError(401, { message: 'Bad credentials', documentation_url: DOCS_URL, status: '401' });
}

/** 422 "Validation Failed" with GitHub's `errors` items. */
export function validationFailed(errors: readonly ValidationErrorItem[], message = 'Validation Failed'): ApiError {
  return new ApiError(422, { message, errors, documentation_url: DOCS_URL, status: '422' });
}

/** 422 with only a message, as the git refs endpoints answer (e.g. "Reference already exists"). */
export function unprocessable(message: string): ApiError {
  return new ApiError(422, { message, documentation_url: DOCS_URL, status: '422' });
}

export function problem(status: number, message: string): ApiError {
  return new ApiError(status, { message, documentation_url: DOCS_URL, status: String(status) });
}
