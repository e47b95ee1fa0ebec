import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError, type ConfigIssue } from './config-error.js';
import type { Setting } from './setting.js';

/** A module's configuration described as fields; each field says how it is read. */
export type ConfigSpec = Readonly<Record<string, Setting<unknown>>>;

/** The typed, validated configuration object a spec produces. */
export type ConfigOf<S extends ConfigSpec> = {
  readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

/** Where the environment comes from; `process.env` in production, a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Variable naming an optional YAML or JSON file of settings keyed by field name. */
export const CONFIG_FILE_VARIABLE = 'LOGLENS_CONFIG_FILE';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** YAML or JSON file of settings keyed by field name; defaults to `$LOGLENS_CONFIG_FILE` when set. */
  readonly file?: string;
}

type FileValues = ReadonlyMap<string, unknown>;

function readConfigFile(path: string): FileValues {
  let parsed: unknown;
  try {
    // YAML 1.2 is a superset of JSON, so one parser serves both formats.
    parsed = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([{ variable: CONFIG_FILE_VARIABLE, message: `cannot read "${path}": ${reason}` }], {
      cause: error,
    });
  }
  if (parsed === null || parsed === undefined) return new Map();
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([
      { variable: CONFIG_FILE_VARIABLE, message: `"${path}" must hold a mapping of settings` },
    ]);
  }
  return new Map(Object.entries(parsed));
}

/** Turns a file value into the text form the settings parse; `undefined` when it is not a scalar or list. */
function fileValueText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return value.map(String).join(',');
  }
  return undefined;
}

interface RawValue {
  readonly text: string;
  readonly source: string;
}

/**
 * Builds a module's typed configuration from the environment (then the optional file, then defaults),
 * validating every field once and reporting all problems together in one {@link ConfigError}.
 *
 * @example
 * const config = loadConfig({ natsUrl: urlSetting('LOGLENS_NATS_URL', ['nats'], { default: 'nats://127.0.0.1:4222', doc: '…' }) });
 */
export function loadConfig<S extends ConfigSpec>(
  spec: S,
  env: Environment = process.env,
  options: LoadConfigOptions = {},
): ConfigOf<S> {
  const file = options.file ?? (env[CONFIG_FILE_VARIABLE] || undefined);
  const fileValues: FileValues = file === undefined ? new Map() : readConfigFile(file);
  const issues: ConfigIssue[] = [];
  const result: Record<string, unknown> = {};

  for (const [field, setting] of Object.entries(spec)) {
    let raw: RawValue | undefined;
    const fromEnv = env[setting.env];
    // Kubernetes manifests often set `VAR: ""` to mean "not set"; treat it so.
    if (fromEnv !== undefined && fromEnv !== '') {
      raw = { text: fromEnv, source: setting.env };
    } else if (fileValues.has(field)) {
      const text = fileValueText(fileValues.get(field));
      const source = `${setting.env} (key "${field}" of ${file ?? 'the config file'})`;
      if (text === undefined) {
        issues.push({ variable: source, message: 'expected a scalar or a list of scalars' });
        continue;
      }
      raw = { text, source };
    } else if (setting.default !== undefined) {
      raw = { text: setting.default, source: `${setting.env} (default)` };
    }

    if (raw === undefined) {
      if (setting.optional) result[field] = undefined;
      else issues.push({ variable: setting.env, message: `is required: expected ${setting.expected}` });
      continue;
    }
    const parsed = setting.schema.safeParse(raw.text);
    if (parsed.success) {
      result[field] = parsed.data;
    } else {
      const got = setting.secret ? '' : `, got ${JSON.stringify(raw.text)}`;
      for (const issue of parsed.error.issues)
        issues.push({ variable: raw.source, message: `${issue.message}${got}` });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return result as ConfigOf<S>;
}

/** One documented row of a spec, for generated documentation and `--help` output. */
export interface SettingDescription {
  readonly field: string;
  readonly env: string;
  readonly default: string | undefined;
  readonly required: boolean;
  readonly expected: string;
  readonly doc: string;
}

/** Lists the settings of a spec with their defaults, in declaration order. */
export function describeConfig(spec: ConfigSpec): readonly SettingDescription[] {
  return Object.entries(spec).map(([field, s]) => ({
    field,
    env: s.env,
    default: s.default,
    required: s.default === undefined && !s.optional,
    expected: s.expected,
    doc: s.doc,
  }));
}
