import { parseDuration, type Topology } from '@loglens/platform';
import { parseConsumerRef, type ConsumerAddress } from './consumer-ref.js';
import type { ScalePolicy } from './scale-decision.js';

/** Prefix of the annotations that configure autoscaling on a Deployment. */
export const ANNOTATION_PREFIX = 'autoscale.loglens.io/';

/** One worker as the operator's configuration declares it; unset fields come from annotations or defaults. */
export interface WorkerSpec {
  /** Name of the worker's Deployment. */
  readonly deployment: string;
  /** Namespace of the Deployment; the autoscaler's namespace when unset. */
  readonly namespace?: string;
  /** Consumers whose backlog drives the worker (see {@link parseConsumerRef}). */
  readonly consumer?: string;
  readonly targetBacklog?: number;
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly scaleDownStabilizationMs?: number;
}

/** The policy fields used when neither the configuration nor an annotation sets them. */
export const DEFAULT_SCALE_POLICY: ScalePolicy = {
  targetBacklog: 100,
  minReplicas: 1,
  maxReplicas: 10,
  scaleDownStabilizationMs: 300_000,
};

/** What the autoscaler needs to know of a Deployment. */
export interface DeploymentView {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  /** `spec.replicas` (1 when unset, as the API server defaults it). */
  readonly replicas: number;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A Deployment to scale, with its consumers and limits. */
export interface AutoscaleTarget {
  readonly deployment: DeploymentView;
  readonly consumers: readonly ConsumerAddress[];
  readonly policy: ScalePolicy;
}

/** Why a configured or annotated worker cannot be scaled; `deployment` is set when it exists. */
export interface TargetProblem {
  readonly key: string;
  readonly message: string;
  readonly deployment?: DeploymentView;
}

type Fields = Omit<WorkerSpec, 'deployment' | 'namespace'>;

function integerAnnotation(value: string | undefined, name: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(n)) return n;
  problems.push(`annotation ${ANNOTATION_PREFIX}${name} must be a whole number, got "${value}"`);
  return undefined;
}

function fromAnnotations(annotations: Readonly<Record<string, string>>, problems: string[]): Fields {
  const get = (name: string) => annotations[`${ANNOTATION_PREFIX}${name}`];
  const window = get('scale-down-stabilization');
  const windowMs = window === undefined ? undefined : parseDuration(window);
  if (window !== undefined && windowMs === undefined)
    problems.push(
      `annotation ${ANNOTATION_PREFIX}scale-down-stabilization must be a duration like 30s or 5m, got "${window}"`,
    );
  const fields = {
    consumer: get('consumer'),
    targetBacklog: integerAnnotation(get('target-backlog'), 'target-backlog', problems),
    minReplicas: integerAnnotation(get('min-replicas'), 'min-replicas', problems),
    maxReplicas: integerAnnotation(get('max-replicas'), 'max-replicas', problems),
    scaleDownStabilizationMs: windowMs,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function policyProblem(p: ScalePolicy): string | undefined {
  if (p.targetBacklog < 1) return 'the target backlog must be at least 1';
  if (p.maxReplicas < 1) return 'max replicas must be at least 1';
  if (p.minReplicas > p.maxReplicas)
    return `min replicas (${p.minReplicas}) exceed max replicas (${p.maxReplicas})`;
  return undefined;
}

function withoutPlacement(worker: WorkerSpec | undefined): Fields {
  if (!worker) return {};
  const { deployment: _deployment, namespace: _namespace, ...fields } = worker;
  return fields;
}

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * Combines configured workers with annotated Deployments: annotations override the configuration field by
 * field, defaults fill the rest. Each worker becomes a target or a problem to report.
 */
export function resolveTargets(input: {
  readonly workers: readonly WorkerSpec[];
  readonly deployments: readonly DeploymentView[];
  readonly defaultNamespace: string;
  readonly topology: Topology;
}): { targets: AutoscaleTarget[]; problems: TargetProblem[] } {
  const byKey = new Map(input.deployments.map((d) => [keyOf(d.namespace, d.name), d]));
  const configured = new Map(
    input.workers.map((w) => [keyOf(w.namespace ?? input.defaultNamespace, w.deployment), w]),
  );
  const annotated = input.deployments.filter(
    (d) => d.annotations[`${ANNOTATION_PREFIX}consumer`] !== undefined,
  );
  const keys = new Set([...configured.keys(), ...annotated.map((d) => keyOf(d.namespace, d.name))]);
  const targets: AutoscaleTarget[] = [];
  const problems: TargetProblem[] = [];
  for (const key of keys) {
    const deployment = byKey.get(key);
    if (!deployment) {
      problems.push({ key, message: `Deployment ${key} is configured for autoscaling but does not exist` });
      continue;
    }
    const issues: string[] = [];
    const { consumer, ...limits }: Fields = {
      ...withoutPlacement(configured.get(key)),
      ...fromAnnotations(deployment.annotations, issues),
    };
    const policy: ScalePolicy = { ...DEFAULT_SCALE_POLICY, ...limits };
    const consumers = consumer === undefined ? undefined : parseConsumerRef(consumer, input.topology);
    if (!consumers) issues.push(`no consumer is set (annotation ${ANNOTATION_PREFIX}consumer)`);
    else if (!consumers.ok) issues.push(`consumer ${consumers.message}`);
    const invalid = policyProblem(policy);
    if (invalid) issues.push(invalid);
    if (issues.length > 0 || !consumers?.ok) problems.push({ key, deployment, message: issues.join('; ') });
    else targets.push({ deployment, consumers: consumers.addresses, policy });
  }
  return { targets, problems };
}
