import { ApiError, alreadyExists, badRequest, conflict, notFound, type JsonObject } from './api-errors.js';
import { resourceKey, type ApiRegistry } from './api-registry.js';
import { setDotPath } from './json-path.js';
import type { ObjectStore } from './object-store.js';
import { listPage } from './list-pages.js';
import { jsonPatch, mergePatch } from './patch.js';
import { groupVersion, qualifiedResource, type ResourceType } from './resource-types.js';
import { parseBody, stripDirectives } from './request-body.js';
import { toScale } from './scale-view.js';
import { isJsonObject, text } from './schema-walk.js';
import { parseFieldSelector, parseLabelSelector, selects } from './selectors.js';
import {
  carryServerFields,
  checkName,
  fieldValidation,
  finalizers,
  initialise,
  meta,
  missingResourceVersion,
  validateCustomResource,
} from './write-rules.js';

/** One request on a resource: its type, namespace ('' when cluster-scoped), name and subresource. */
export interface ResourceRequest {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly name?: string;
  readonly subresource?: string;
  readonly query: URLSearchParams;
}

/** An object the server answers with, and the `Warning` headers to send with it. */
export interface Written {
  readonly object: JsonObject;
  readonly warnings: readonly string[];
}

const NAMESPACES = '/namespaces';
const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';

/** CRUD, patch and subresources over the object store, with the real API server's rules. */
export class ResourceService {
  constructor(
    private readonly registry: ApiRegistry,
    private readonly store: ObjectStore,
  ) {}

  #current(req: ResourceRequest): JsonObject {
    const name = req.name ?? '';
    const object = this.store.get(resourceKey(req.type), req.namespace, name);
    if (!object) throw notFound(qualifiedResource(req.type), name);
    return object;
  }

  /** The object (or its Scale) named by the request. */
  get(req: ResourceRequest): JsonObject {
    const object = this.#current(req);
    return req.subresource === 'scale' ? toScale(req.type, object) : object;
  }

  /** Objects of the request's namespace (or all), filtered by label and field selectors, paged by `limit`. */
  list(req: ResourceRequest): JsonObject {
    const labels = parseLabelSelector(req.query.get('labelSelector') ?? '');
    const fields = parseFieldSelector(req.query.get('fieldSelector') ?? '');
    const requested = req.query.get('resourceVersion');
    // resourceVersionMatch=Exact asks for a past state; only history that is still kept can answer (or 410).
    if (req.query.get('resourceVersionMatch') === 'Exact' && requested) {
      this.store.changesSince(resourceKey(req.type), Number(requested), requested);
    }
    const matching = this.store
      .list(resourceKey(req.type), req.type.namespaced && req.namespace ? req.namespace : undefined)
      .filter((o) => selects(o, labels, fields));
    const page = listPage(matching, req.query, String(this.store.revision));
    return {
      apiVersion: groupVersion(req.type),
      kind: `${req.type.kind}List`,
      metadata: {
        resourceVersion: page.resourceVersion,
        ...(page.continueToken === undefined
          ? {}
          : { continue: page.continueToken, remainingItemCount: page.remainingItemCount }),
      },
      items: page.items,
    };
  }

  /** POST: creates an object. */
  create(req: ResourceRequest, body: JsonObject): Written {
    if (req.subresource)
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    const name = checkName(req.type, body, undefined);
    if (req.type.namespaced && !this.store.get(NAMESPACES, '', req.namespace)) {
      throw notFound('namespaces', req.namespace);
    }
    if (this.store.get(resourceKey(req.type), req.namespace, name))
      throw alreadyExists(qualifiedResource(req.type), name);
    const object = initialise(req.type, body, req.namespace);
    if (resourceKey(req.type) === NAMESPACES) object.status = { phase: 'Active' };
    if (resourceKey(req.type) === CRDS) object.status = this.#establish(object);
    const warnings = this.#validate(req, object);
    return { object: this.store.put(resourceKey(req.type), req.namespace, object, 'ADDED'), warnings };
  }

  /** PUT: replaces an object, its status or its scale; needs the current resourceVersion. */
  replace(req: ResourceRequest, body: JsonObject): Written {
    const current = this.#current(req);
    if (req.subresource === 'scale') return this.#writeScale(req, current, body);
    checkName(req.type, body, req.name);
    return this.#update(req, current, body);
  }

  /** PATCH: merge (also for strategic merge), JSON patch; server-side apply is refused with 415. */
  patch(req: ResourceRequest, contentType: string, raw: string): Written {
    const current = this.#current(req);
    const base = req.subresource === 'scale' ? toScale(req.type, current) : current;
    let patched: JsonObject;
    if (contentType.startsWith('application/json-patch+json')) {
      patched = jsonPatch(base, parseBody(raw));
    } else if (
      contentType.startsWith('application/merge-patch+json') ||
      contentType.startsWith('application/strategic-merge-patch+json')
    ) {
      // Strategic merge is treated as a merge patch with its `$` directives dropped: right for custom
      // resources (the real server refuses strategic merge for them) and close enough for the built-ins used here.
      const result = mergePatch(base, stripDirectives(parseBody(raw)));
      if (!isJsonObject(result)) throw badRequest('a patch must produce an object');
      patched = result;
    } else {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
      );
    }
    if (req.subresource === 'scale') return this.#writeScale(req, current, patched);
    const version = meta(patched).resourceVersion;
    // A patch carries no resourceVersion unless the client wants optimistic concurrency.
    if (version === undefined)
      patched.metadata = { ...meta(patched), resourceVersion: meta(current).resourceVersion };
    return this.#update(req, current, patched);
  }

  #update(req: ResourceRequest, current: JsonObject, body: JsonObject): Written {
    const name = String(meta(current).name);
    const version = meta(body).resourceVersion;
    if (version === undefined || version === '') throw missingResourceVersion(req.type, name);
    if (text(version) !== meta(current).resourceVersion) throw conflict(qualifiedResource(req.type), name);
    let next: JsonObject;
    if (req.subresource === 'status') {
      next = { ...current, status: body.status };
      next.metadata = meta(current);
    } else {
      next = { ...body };
      // With a status subresource the main resource ignores status changes, as the real server does.
      if (req.type.status) {
        if (current.status === undefined) delete next.status;
        else next.status = current.status;
      }
    }
    next = carryServerFields(req.type, current, next);
    if (resourceKey(req.type) === CRDS) next.status = this.#establish(next);
    const warnings = this.#validate(req, next);
    return { object: this.#store(req, next), warnings };
  }

  #writeScale(req: ResourceRequest, current: JsonObject, scale: JsonObject): Written {
    const paths = req.type.scale;
    if (!paths) throw notFound(qualifiedResource(req.type), req.name ?? '');
    const version = meta(scale).resourceVersion;
    const name = String(meta(current).name);
    if (version !== undefined && text(version) !== meta(current).resourceVersion)
      throw conflict(qualifiedResource(req.type), name);
    const replicas = isJsonObject(scale.spec) ? scale.spec.replicas : undefined;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw badRequest('spec.replicas must be a non-negative integer');
    }
    const next = structuredClone(current);
    setDotPath(next, paths.specReplicasPath, replicas);
    const written = this.#store(req, carryServerFields(req.type, current, next));
    return { object: toScale(req.type, written), warnings: [] };
  }

  /** DELETE: removes the object, or marks it with a deletionTimestamp while finalizers remain. */
  delete(req: ResourceRequest, body: JsonObject): Written {
    const current = this.#current(req);
    const preconditions = isJsonObject(body.preconditions) ? body.preconditions : {};
    if (
      preconditions.resourceVersion !== undefined &&
      preconditions.resourceVersion !== meta(current).resourceVersion
    )
      throw conflict(qualifiedResource(req.type), req.name ?? '');
    if (finalizers(current).length > 0) {
      if (meta(current).deletionTimestamp !== undefined) return { object: current, warnings: [] };
      const marked = {
        ...current,
        metadata: {
          ...meta(current),
          deletionTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          deletionGracePeriodSeconds: 0,
        },
      };
      return {
        object: this.store.put(resourceKey(req.type), req.namespace, marked, 'MODIFIED'),
        warnings: [],
      };
    }
    return { object: this.#remove(req.type, req.namespace, current), warnings: [] };
  }

  #store(req: ResourceRequest, next: JsonObject): JsonObject {
    // The object goes away once the last finalizer of an object being deleted is removed.
    if (meta(next).deletionTimestamp !== undefined && finalizers(next).length === 0) {
      return this.#remove(req.type, req.namespace, next);
    }
    return this.store.put(resourceKey(req.type), req.namespace, next, 'MODIFIED');
  }

  #remove(type: ResourceType, namespace: string, object: JsonObject): JsonObject {
    const key = resourceKey(type);
    if (key === CRDS) {
      const dropped = this.registry.unregisterCrd(object);
      if (dropped) this.store.drop(dropped);
    }
    if (key === NAMESPACES) {
      const name = String(meta(object).name);
      for (const t of this.registry.types.filter((t) => t.namespaced)) {
        for (const child of this.store.list(resourceKey(t), name))
          this.store.remove(resourceKey(t), name, child);
      }
    }
    return this.store.remove(key, namespace, object);
  }

  #validate(req: ResourceRequest, object: JsonObject): string[] {
    const validator = this.registry.validator(req.type);
    return validateCustomResource(req.type, validator, object, fieldValidation(req.query));
  }

  #establish(crd: JsonObject): JsonObject {
    try {
      this.registry.registerCrd(crd);
    } catch (error) {
      throw badRequest(`invalid CustomResourceDefinition: ${(error as Error).message}`);
    }
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const condition = (type: string, reason: string) => ({
      type,
      status: 'True',
      reason,
      message: '',
      lastTransitionTime: now,
    });
    const spec = isJsonObject(crd.spec) ? crd.spec : {};
    return {
      acceptedNames: spec.names,
      storedVersions: Array.isArray(spec.versions)
        ? spec.versions.map((v: unknown) => (isJsonObject(v) ? text(v.name) : text(v)))
        : [],
      conditions: [
        condition('NamesAccepted', 'NoConflicts'),
        condition('Established', 'InitialNamesAccepted'),
      ],
    };
  }
}
