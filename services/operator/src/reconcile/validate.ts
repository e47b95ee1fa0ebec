import type { AlertRuleSpec, LogSourceSpec, SecretKeyRef } from '@loglens/resources';
import { parseSpecDuration } from './durations.js';

/** Why a spec that passed the schema cannot be served; also the condition and Event reason. */
export type SpecIssueReason =
  'InvalidRegex' | 'InvalidDuration' | 'SecretNotFound' | 'SecretKeyNotFound' | 'InvalidConfig';

/** One semantic problem of a spec, with the field path as kubectl prints it. */
export interface SpecIssue {
  readonly reason: SpecIssueReason;
  readonly path: string;
  readonly message: string;
}

/** The longest duration a spec may hold: ten years, far beyond any window or retention that makes sense. */
const MAX_DURATION_MS = 10 * 365 * 86_400_000;

function regexIssue(path: string, pattern: string, flags = ''): SpecIssue[] {
  try {
    new RegExp(pattern, flags);
    return [];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [{ reason: 'InvalidRegex', path, message: `does not compile: ${detail}` }];
  }
}

function durationIssue(path: string, text: string | undefined, allowZero: boolean): SpecIssue[] {
  if (text === undefined) return [];
  const ms = parseSpecDuration(text);
  if (ms === undefined || ms > MAX_DURATION_MS) {
    return [{ reason: 'InvalidDuration', path, message: `"${text}" is not a duration of at most 10 years` }];
  }
  if (ms === 0 && !allowZero) {
    return [{ reason: 'InvalidDuration', path, message: `"${text}" must be longer than zero` }];
  }
  return [];
}

/** Checks what the CRD schema cannot: regular expressions compile and durations are usable. */
export function validateLogSourceSpec(spec: LogSourceSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (spec.multiline?.startPattern !== undefined) {
    issues.push(...regexIssue('spec.multiline.startPattern', spec.multiline.startPattern));
  }
  (spec.redaction?.custom ?? []).forEach((rule, i) => {
    issues.push(...regexIssue(`spec.redaction.custom[${i}].pattern`, rule.pattern, rule.flags));
  });
  issues.push(...durationIssue('spec.retention', spec.retention, false));
  return issues;
}

/** Checks what the CRD schema cannot in an AlertRule: its regex compiles and its durations are usable. */
export function validateAlertRuleSpec(spec: AlertRuleSpec): SpecIssue[] {
  const { threshold, pattern, absence } = spec.condition;
  return [
    ...(pattern?.regex === undefined ? [] : regexIssue('spec.condition.pattern.regex', pattern.regex)),
    ...durationIssue('spec.condition.threshold.window', threshold?.window, false),
    ...durationIssue('spec.condition.pattern.window', pattern?.window, false),
    ...durationIssue('spec.condition.absence.window', absence?.window, false),
    ...durationIssue('spec.for', spec.for, true),
    ...durationIssue('spec.repeatInterval', spec.repeatInterval, false),
  ];
}

/** A Secret key a spec refers to, with the field that names it. */
export interface SecretReference {
  readonly path: string;
  readonly ref: SecretKeyRef;
}

/** Every Secret key an AlertRule's notification targets refer to. */
export function alertRuleSecretRefs(spec: AlertRuleSpec): SecretReference[] {
  return spec.notifications.flatMap((target, i) => {
    const base = `spec.notifications[${i}]`;
    const refs: SecretReference[] = [];
    if (target.webhook?.urlSecretKeyRef) {
      refs.push({ path: `${base}.webhook.urlSecretKeyRef`, ref: target.webhook.urlSecretKeyRef });
    }
    if (target.slack) {
      refs.push({ path: `${base}.slack.webhookUrlSecretKeyRef`, ref: target.slack.webhookUrlSecretKeyRef });
    }
    if (target.pagerduty) {
      refs.push({
        path: `${base}.pagerduty.routingKeySecretKeyRef`,
        ref: target.pagerduty.routingKeySecretKeyRef,
      });
    }
    return refs;
  });
}

/** The keys of a Secret, or `undefined` when the Secret does not exist. */
export type SecretKeysLookup = (namespace: string, name: string) => Promise<ReadonlySet<string> | undefined>;

/** Checks that each referenced Secret exists and holds the key; each Secret is read once. */
export async function checkSecretRefs(
  namespace: string,
  refs: readonly SecretReference[],
  lookup: SecretKeysLookup,
): Promise<SpecIssue[]> {
  const secrets = new Map<string, Promise<ReadonlySet<string> | undefined>>();
  const issues: SpecIssue[] = [];
  for (const { path, ref } of refs) {
    let keys = secrets.get(ref.name);
    if (!keys) secrets.set(ref.name, (keys = lookup(namespace, ref.name)));
    const found = await keys;
    if (!found) {
      issues.push({ reason: 'SecretNotFound', path, message: `Secret "${ref.name}" does not exist` });
    } else if (!found.has(ref.key)) {
      issues.push({
        reason: 'SecretKeyNotFound',
        path,
        message: `Secret "${ref.name}" has no key "${ref.key}"`,
      });
    }
  }
  return issues;
}
