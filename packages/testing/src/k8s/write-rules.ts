import { randomUUID } from 'node:crypto';
import { badRequest, invalid, type ApiError, type JsonObject } from './api-errors.js';
import { isJsonObject, text } from './schema-walk.js';
import { groupVersion, type ResourceType } from './resource-types.js';
import type { CustomResourceValidator } from './schema-validation.js';

/** `metadata` of an object (an empty object when it has none). */
export function meta(object: JsonObject): JsonObject {
  return isJsonObject(object.metadata) ? object.metadata : {};
}

/** Finalizers of an object. */
export function finalizers(object: JsonObject): string[] {
  const list = meta(object).finalizers;
  return Array.isArray(list) ? list.map(String) : [];
}

/** How the server treats undeclared fields (`?fieldValidation=`); the real server's default is Warn. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Reads `fieldValidation` from a query. */
export function fieldValidation(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value !== 'Strict' && value !== 'Warn' && value !== 'Ignore') {
    throw badRequest(`fieldValidation must be one of Strict, Warn, Ignore, not "${value}"`);
  }
  return value;
}

/** The metadata the server owns on a new object: uid, creation time, generation. */
export function initialise(type: ResourceType, object: JsonObject, namespace: string): JsonObject {
  const metadata = { ...meta(object) };
  delete metadata.resourceVersion;
  delete metadata.deletionTimestamp;
  metadata.uid = randomUUID();
  metadata.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  if (type.namespaced) metadata.namespace = namespace;
  else delete metadata.namespace;
  if (type.generation) metadata.generation = 1;
  return { ...object, apiVersion: groupVersion(type), kind: type.kind, metadata };
}

/** Keeps what clients may not change across an update: identity, creation time, deletion state. */
export function carryServerFields(type: ResourceType, previous: JsonObject, next: JsonObject): JsonObject {
  const before = meta(previous);
  const metadata: JsonObject = { ...meta(next) };
  for (const key of [
    'uid',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'namespace',
  ]) {
    if (before[key] === undefined) delete metadata[key];
    else metadata[key] = before[key];
  }
  const spec = (o: JsonObject) => JSON.stringify({ ...o, metadata: undefined, status: undefined });
  if (type.generation) {
    const generation = Number(before.generation ?? 1);
    metadata.generation = spec(previous) === spec(next) ? generation : generation + 1;
  }
  return { ...next, apiVersion: groupVersion(type), kind: type.kind, metadata };
}

/** Applies defaults, prunes and validates a custom resource; throws 400 or 422 as the real server does. */
export function validateCustomResource(
  type: ResourceType,
  validator: CustomResourceValidator | undefined,
  object: JsonObject,
  mode: FieldValidation,
): string[] {
  if (!validator) return [];
  const result = validator.validate(object);
  const name = text(meta(object).name);
  if (result.unknownFields.length > 0 && mode === 'Strict') {
    const fields = result.unknownFields.map((f) => `unknown field "${f}"`).join(', ');
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${fields}`,
    );
  }
  if (result.causes.length > 0) throw invalid(type.kind, type.group, name, result.causes);
  return mode === 'Warn' ? result.unknownFields.map((f) => `unknown field "${f}"`) : [];
}

/** Checks the name of a new object and that the body's name agrees with the URL's. */
export function checkName(type: ResourceType, object: JsonObject, urlName: string | undefined): string {
  const name = meta(object).name;
  if (typeof name !== 'string' || name === '') {
    throw invalid(type.kind, type.group, '', [
      {
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ]);
  }
  if (urlName !== undefined && urlName !== name) {
    throw badRequest(`the name of the object (${name}) does not match the name on the URL (${urlName})`);
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) || name.length > 253) {
    throw invalid(type.kind, type.group, name, [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      },
    ]);
  }
  return name;
}

/** `422` for an update without `metadata.resourceVersion`, as the real server answers. */
export function missingResourceVersion(type: ResourceType, name: string): ApiError {
  return invalid(type.kind, type.group, name, [
    {
      reason: 'FieldValueInvalid',
      field: 'metadata.resourceVersion',
      message: 'Invalid value: 0x0: must be specified for an update',
    },
  ]);
}
