// Types of the generated standalone validator (see schema/build-validator.mjs).
import type { ErrorObject } from 'ajv';

export interface DialValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export declare const validate: DialValidator;
export default validate;
