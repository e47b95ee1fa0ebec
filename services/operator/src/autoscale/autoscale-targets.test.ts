import { buildTopology } from '@loglens/platform';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_POLICY, resolveTargets, type DeploymentView } from './autoscale-targets.js';

const topology = buildTopology({ prefix: 'dev_' });

function deployment(name: string, annotations: Record<string, string> = {}): DeploymentView {
  return { namespace: 'loglens', name, uid: `uid-${name}`, resourceVersion: '1', replicas: 1, annotations };
}

function resolve(workers: Parameters<typeof resolveTargets>[0]['workers'], deployments: DeploymentView[]) {
  return resolveTargets({ workers, deployments, defaultNamespace: 'loglens', topology });
}

describe('resolveTargets', () => {
  it('finds annotated Deployments and resolves consumer roles through the topology', () => {
    const { targets, problems } = resolve(
      [],
      [
        deployment('parser', {
          'autoscale.loglens.io/consumer': 'parser',
          'autoscale.loglens.io/target-backlog': '50',
          'autoscale.loglens.io/max-replicas': '4',
          'autoscale.loglens.io/scale-down-stabilization': '30s',
        }),
        deployment('alerting', { 'autoscale.loglens.io/consumer': 'alerting, alertingAnomalies' }),
        deployment('query'),
      ],
    );
    expect(problems).toEqual([]);
    expect(targets.map((t) => [t.deployment.name, t.consumers, t.policy])).toEqual([
      [
        'parser',
        [{ stream: 'dev_LOGS_RAW', consumer: 'dev_parser-p', partitioned: true }],
        { ...DEFAULT_SCALE_POLICY, targetBacklog: 50, maxReplicas: 4, scaleDownStabilizationMs: 30_000 },
      ],
      [
        'alerting',
        [
          { stream: 'dev_LOGS_PARSED', consumer: 'dev_alerting' },
          { stream: 'dev_ANOMALIES', consumer: 'dev_alerting' },
        ],
        DEFAULT_SCALE_POLICY,
      ],
    ]);
  });

  it('lets annotations override the configuration field by field', () => {
    const { targets } = resolve(
      [{ deployment: 'ml', consumer: 'ml', targetBacklog: 10, maxReplicas: 3 }],
      [deployment('ml', { 'autoscale.loglens.io/max-replicas': '6' })],
    );
    expect(targets[0]?.policy).toEqual({ ...DEFAULT_SCALE_POLICY, targetBacklog: 10, maxReplicas: 6 });
    expect(targets[0]?.consumers).toEqual([{ stream: 'dev_LOGS_PARSED', consumer: 'dev_ml' }]);
  });

  it('accepts an explicit STREAM/consumer', () => {
    const { targets } = resolve([{ deployment: 'x', consumer: 'OTHER/worker' }], [deployment('x')]);
    expect(targets[0]?.consumers).toEqual([{ stream: 'OTHER', consumer: 'worker' }]);
  });

  it.each([
    [{ 'autoscale.loglens.io/consumer': 'parsers' }, /"parsers" is neither a consumer role/],
    [
      { 'autoscale.loglens.io/consumer': 'parser', 'autoscale.loglens.io/min-replicas': 'two' },
      /whole number, got "two"/,
    ],
    [
      { 'autoscale.loglens.io/consumer': 'parser', 'autoscale.loglens.io/min-replicas': '20' },
      /min replicas \(20\) exceed max replicas \(10\)/,
    ],
    [
      { 'autoscale.loglens.io/consumer': 'parser', 'autoscale.loglens.io/target-backlog': '0' },
      /target backlog must be at least 1/,
    ],
    [
      { 'autoscale.loglens.io/consumer': 'parser', 'autoscale.loglens.io/scale-down-stabilization': 'x' },
      /must be a duration/,
    ],
  ])('reports %j as a problem of the Deployment', (annotations, message) => {
    const { targets, problems } = resolve([], [deployment('parser', annotations)]);
    expect(targets).toEqual([]);
    expect(problems[0]?.deployment?.name).toBe('parser');
    expect(problems[0]?.message).toMatch(message);
  });

  it('reports configured workers whose Deployment is missing or has no consumer', () => {
    const { problems } = resolve(
      [{ deployment: 'gone', consumer: 'ml' }, { deployment: 'bare' }],
      [deployment('bare')],
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Deployment loglens/gone is configured for autoscaling but does not exist',
      'no consumer is set (annotation autoscale.loglens.io/consumer)',
    ]);
  });
});
