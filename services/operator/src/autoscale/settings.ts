import { durationSetting, parseDuration, type Setting } from '@loglens/platform';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { WorkerSpec } from './autoscale-targets.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const workerSchema = z
  .object({
    deployment: z.string().regex(DNS_LABEL, 'must be a Deployment name'),
    namespace: z.string().regex(DNS_LABEL, 'must be a namespace name').optional(),
    consumer: z.string().min(1).optional(),
    targetBacklog: z.number().int().min(1).optional(),
    minReplicas: z.number().int().min(0).optional(),
    maxReplicas: z.number().int().min(1).optional(),
    scaleDownStabilization: z
      .string()
      .refine((s) => parseDuration(s) !== undefined, 'must be a duration like 30s or 5m')
      .optional(),
  })
  .strict();

const workersSchema = z.array(workerSchema);

const EXPECTED =
  'a YAML or JSON list of workers ({deployment, consumer, targetBacklog, minReplicas, maxReplicas, scaleDownStabilization})';

/** Reads the workers list of `LOGLENS_OPERATOR_AUTOSCALE`; throws an error naming the bad field. */
export function parseAutoscaleWorkers(text: string): WorkerSpec[] {
  let parsed: unknown;
  try {
    // YAML 1.2 is a superset of JSON, so one parser serves both.
    parsed = parseYaml(text);
  } catch (error) {
    throw new Error(`not valid YAML or JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const result = workersSchema.safeParse(parsed ?? []);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.length ? `[${issue.path.join('.')}] ` : '';
    throw new Error(`${path}${issue?.message ?? 'is invalid'}`);
  }
  return result.data.map(({ scaleDownStabilization, ...rest }) => ({
    ...rest,
    ...(scaleDownStabilization === undefined
      ? {}
      : { scaleDownStabilizationMs: parseDuration(scaleDownStabilization) ?? 0 }),
  }));
}

// Built by hand rather than with customSetting so the error can say which worker and field is wrong.
const workersSetting: Setting<readonly WorkerSpec[]> = {
  env: 'LOGLENS_OPERATOR_AUTOSCALE',
  doc: 'Workers to scale by JetStream backlog, as a YAML or JSON list; Deployment annotations override it field by field.',
  default: '[]',
  optional: false,
  secret: false,
  expected: EXPECTED,
  schema: z.string().transform((text, ctx): readonly WorkerSpec[] => {
    try {
      return parseAutoscaleWorkers(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.issues.push({ code: 'custom', message: `expected ${EXPECTED}: ${reason}`, input: text });
      return z.NEVER;
    }
  }),
};

/** Settings of the backlog autoscaler, for the operator's config spec (`LOGLENS_OPERATOR_*`). */
export const autoscaleSettings = {
  /** Workers to scale; annotated Deployments are found without being listed here. @default [] */
  autoscaleWorkers: workersSetting,
  /** How often backlogs are read and replicas decided. @default 1s */
  autoscaleInterval: durationSetting('LOGLENS_OPERATOR_AUTOSCALE_INTERVAL', {
    default: '1s',
    doc: 'How often the autoscaler reads the consumer backlogs and decides replicas (it reacts within about this long).',
  }),
};
