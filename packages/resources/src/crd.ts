import type { TSchema } from '@sinclair/typebox';
import { AlertRuleSpecSchema, AlertRuleStatusSchema } from './alert-rule.js';
import { GROUP, VERSION } from './common.js';
import { LogSourceSpecSchema, LogSourceStatusSchema } from './log-source.js';
import { toStructuralSchema, type JsonSchema } from './structural-schema.js';

/** A column of `kubectl get`. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

/** What differs between the CRDs of the LogLens kinds. */
export interface CrdDefinition {
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly description: string;
  readonly spec: TSchema;
  readonly status: TSchema;
  readonly printerColumns: readonly PrinterColumn[];
}

/** A CustomResourceDefinition as plain data, ready to be written as YAML. */
export type CustomResourceDefinition = JsonSchema;

const READY: PrinterColumn = {
  name: 'Ready',
  type: 'string',
  jsonPath: '.status.conditions[?(@.type=="Ready")].status',
};
const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

/** The LogSource kind. */
export const LOG_SOURCE_CRD: CrdDefinition = {
  kind: 'LogSource',
  plural: 'logsources',
  singular: 'logsource',
  shortNames: ['lsrc'],
  description:
    'Which pods and files LogLens collects, how it parses, redacts and mines them, and for how long.',
  spec: LogSourceSpecSchema,
  status: LogSourceStatusSchema,
  printerColumns: [
    READY,
    { name: 'Format', type: 'string', jsonPath: '.spec.format' },
    { name: 'Pods', type: 'integer', jsonPath: '.status.matchedPods' },
    { name: 'Templates', type: 'integer', jsonPath: '.status.templates' },
    { name: 'Lines', type: 'integer', jsonPath: '.status.linesIngested' },
    { name: 'Last Ingest', type: 'date', jsonPath: '.status.lastIngestTime', priority: 1 },
    AGE,
  ],
};

/** The AlertRule kind. */
export const ALERT_RULE_CRD: CrdDefinition = {
  kind: 'AlertRule',
  plural: 'alertrules',
  singular: 'alertrule',
  shortNames: ['alr'],
  description: 'A condition on the logs of one LogSource and where to send a notification when it holds.',
  spec: AlertRuleSpecSchema,
  status: AlertRuleStatusSchema,
  printerColumns: [
    READY,
    { name: 'State', type: 'string', jsonPath: '.status.state' },
    { name: 'Severity', type: 'string', jsonPath: '.spec.severity' },
    { name: 'Source', type: 'string', jsonPath: '.spec.sourceRef.name' },
    { name: 'Last Fired', type: 'date', jsonPath: '.status.lastFiredTime' },
    AGE,
  ],
};

/** Builds the apiextensions.k8s.io/v1 CustomResourceDefinition of a kind. */
export function buildCrd(definition: CrdDefinition): CustomResourceDefinition {
  const openAPIV3Schema: JsonSchema = {
    type: 'object',
    description: definition.description,
    required: ['spec'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: toStructuralSchema(definition.spec),
      status: toStructuralSchema(definition.status),
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${definition.plural}.${GROUP}`,
      labels: { 'app.kubernetes.io/part-of': 'loglens' },
    },
    spec: {
      group: GROUP,
      scope: 'Namespaced',
      names: {
        kind: definition.kind,
        listKind: `${definition.kind}List`,
        plural: definition.plural,
        singular: definition.singular,
        shortNames: [...definition.shortNames],
        categories: ['loglens'],
      },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema },
          subresources: { status: {} },
          additionalPrinterColumns: definition.printerColumns.map((c) => ({ ...c })),
        },
      ],
    },
  };
}
