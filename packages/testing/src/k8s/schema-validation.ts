import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { JsonObject, StatusCause } from './api-errors.js';
import { checkCelRules } from './cel-rules.js';
import { pruneUnknownFields } from './schema-walk.js';

/** Outcome of validating a custom resource: causes for a 422, pruned fields, rules not evaluated. */
export interface ValidationResult {
  readonly causes: StatusCause[];
  readonly unknownFields: string[];
  readonly unsupportedRules: string[];
}

/** Validates custom resources against one CRD version's schema, applying defaults and pruning as the server does. */
export interface CustomResourceValidator {
  /** Mutates `object`: fills in defaults and removes undeclared fields. */
  validate(object: JsonObject): ValidationResult;
}

function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, token) => (/^\d+$/.test(token) ? `${path}[${token}]` : path ? `${path}.${token}` : token),
      '',
    );
}

/** A value as Go's validation errors print it. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? '"array"' : value === null ? '"null"' : '"object"';
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return Number.isInteger(value) ? 'integer' : typeof value;
}

function cause(error: ErrorObject): StatusCause {
  const path = fieldPath(error.instancePath);
  const value: unknown = error.data;
  const p = error.params as Record<string, unknown>;
  const invalid = (message: string): StatusCause => ({
    reason: 'FieldValueInvalid',
    field: path,
    message: `Invalid value: ${shown(value)}: ${path} in body ${message}`,
  });
  switch (error.keyword) {
    case 'required': {
      const field = path ? `${path}.${String(p.missingProperty)}` : String(p.missingProperty);
      return { reason: 'FieldValueRequired', field, message: 'Required value' };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return {
        reason: 'FieldValueNotSupported',
        field: path,
        message: `Unsupported value: ${shown(value)}: supported values: ${allowed}`,
      };
    }
    case 'type':
      return invalid(`must be of type ${String(p.type)}: "${typeName(value)}"`);
    case 'pattern':
      return invalid(`should match '${String(p.pattern)}'`);
    case 'minItems': {
      const count = Array.isArray(value) ? value.length : 0;
      return {
        reason: 'FieldValueInvalid',
        field: path,
        message: `Invalid value: ${count}: ${path} in body should have at least ${String(p.limit)} items`,
      };
    }
    case 'minLength':
      return invalid(`should be at least ${String(p.limit)} chars long`);
    case 'minimum':
      return invalid(`should be greater than or equal to ${String(p.limit)}`);
    case 'maximum':
      return invalid(`should be less than or equal to ${String(p.limit)}`);
    case 'maxItems':
    case 'maxProperties': {
      const count = Array.isArray(value) ? value.length : Object.keys(value as object).length;
      return {
        reason: 'FieldValueTooMany',
        field: path,
        message: `Too many: ${count}: must have at most ${String(p.limit)} items`,
      };
    }
    case 'maxLength':
      return {
        reason: 'FieldValueTooLong',
        field: path,
        message: `Too long: may not be more than ${String(p.limit)} bytes`,
      };
    default:
      return invalid(error.message ?? error.keyword);
  }
}

/** Compiles the validator of one `openAPIV3Schema`. */
export function createValidator(schema: JsonObject): CustomResourceValidator {
  // strict: false because Kubernetes extensions (x-kubernetes-*) and formats such as int64 are not JSON Schema.
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    strict: false,
    validateFormats: false,
    verbose: true,
  });
  const check: ValidateFunction = ajv.compile(schema);
  return {
    validate(object) {
      const unknownFields = pruneUnknownFields(schema, object);
      if (!check(object)) {
        return { causes: (check.errors ?? []).map(cause), unknownFields, unsupportedRules: [] };
      }
      // The real server runs CEL rules on a value that passed the schema; so does this one.
      const cel = checkCelRules(schema, object);
      return { causes: cel.causes, unknownFields, unsupportedRules: cel.unsupported };
    },
  };
}
