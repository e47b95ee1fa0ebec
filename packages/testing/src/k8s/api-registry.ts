import type { JsonObject } from './api-errors.js';
import { builtinResourceTypes, crdResourceTypes, groupVersion, type ResourceType } from './resource-types.js';
import { createValidator, type CustomResourceValidator } from './schema-validation.js';

/** Resource key used by the store: `group/plural` (`/plural` for the core group). */
export function resourceKey(type: { group: string; plural: string }): string {
  return `${type.group}/${type.plural}`;
}

/** The kinds the server serves: the built-in ones and those of registered CRDs, with their validators. */
export class ApiRegistry {
  #types: ResourceType[] = builtinResourceTypes();
  readonly #validators = new Map<string, CustomResourceValidator>();

  /** Every served resource type. */
  get types(): readonly ResourceType[] {
    return this.#types;
  }

  /** The type served at `group/version` under `plural`. */
  find(gv: string, plural: string): ResourceType | undefined {
    return this.#types.find((t) => groupVersion(t) === gv && t.plural === plural);
  }

  /** Serves the versions of a CRD (replacing an earlier registration of the same CRD). */
  registerCrd(crd: JsonObject): ResourceType[] {
    const added = crdResourceTypes(crd);
    const key = resourceKey(added[0] ?? { group: '', plural: '' });
    this.#types = [...this.#types.filter((t) => resourceKey(t) !== key), ...added];
    for (const type of added) {
      if (type.schema)
        this.#validators.set(`${groupVersion(type)}/${type.plural}`, createValidator(type.schema));
    }
    return added;
  }

  /** Stops serving a CRD's kind; returns its resource key. */
  unregisterCrd(crd: JsonObject): string | undefined {
    const [first] = crdResourceTypes(crd);
    if (!first) return undefined;
    const key = resourceKey(first);
    for (const type of this.#types.filter((t) => resourceKey(t) === key))
      this.#validators.delete(`${groupVersion(type)}/${type.plural}`);
    this.#types = this.#types.filter((t) => resourceKey(t) !== key);
    return key;
  }

  /** The schema validator of a custom resource type, if it has a schema. */
  validator(type: ResourceType): CustomResourceValidator | undefined {
    return this.#validators.get(`${groupVersion(type)}/${type.plural}`);
  }
}
