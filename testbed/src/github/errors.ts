// Error bodies in the shape GitHub returns (message, documentation_url, and for 422 an `errors` list).
import type { ErrorObject } from 'ajv';

export const DOCUMENTATION_URL = 'https://docs.github.com/rest';

export interface GitHubError {
  message: string;
  documentation_url: string;
  status: string;
  errors?: FieldError[];
}

export interface FieldError {
  code: 'missing_field' | 'invalid';
  field: string;
  message: string;
}

export function errorBody(status: number, message: string): GitHubError {
  return { message, documentation_url: DOCUMENTATION_URL, status: String(status) };
}

/** "/requestBody/payload/0" -> "payload/0"; "/query/per_page" -> "per_page" (GitHub names fields plainly). */
function fieldOf(instancePath: string, missing: unknown): string {
  const segments = instancePath.split('/').filter((s) => s !== '');
  // The first segment is the part of the request (requestBody, query, path, header) the validator used.
  const inside = segments.slice(1);
  if (typeof missing === 'string') inside.push(missing);
  return inside.join('/');
}

function locationOf(instancePath: string): string {
  const where = instancePath.split('/')[1] ?? '';
  return where === 'requestBody' ? 'body' : where;
}

/** Ajv errors from openapi-backend's request validation as GitHub's validation-error body. */
export function validationFailed(ajvErrors: readonly ErrorObject[]): GitHubError {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of ajvErrors) {
    const missing = error.keyword === 'required' ? error.params.missingProperty : undefined;
    const field = fieldOf(error.instancePath, missing);
    const where = locationOf(error.instancePath);
    const entry: FieldError =
      typeof missing === 'string'
        ? { code: 'missing_field', field, message: `"${field}" wasn't supplied.` }
        : {
            code: 'invalid',
            field,
            message: `For '${field || where}' (${where}), ${error.message ?? 'is invalid'}.`,
          };
    const key = `${entry.code} ${entry.field} ${entry.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(entry);
  }
  const message = ['Invalid request.', '', ...errors.map((e) => e.message)].join('\n');
  return { ...errorBody(422, message), errors };
}
