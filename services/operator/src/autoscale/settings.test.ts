import { ConfigError, loadConfig } from '@loglens/platform';
import { describe, expect, it } from 'vitest';
import { autoscaleSettings, parseAutoscaleWorkers } from './settings.js';

describe('autoscale settings', () => {
  it('reads a YAML list of workers', () => {
    const workers = parseAutoscaleWorkers(`
- deployment: loglens-parser
  consumer: parser
  targetBacklog: 50
  maxReplicas: 8
  scaleDownStabilization: 2m
- deployment: loglens-alerting
  namespace: loglens
  consumer: alerting,alertingAnomalies
`);
    expect(workers).toEqual([
      {
        deployment: 'loglens-parser',
        consumer: 'parser',
        targetBacklog: 50,
        maxReplicas: 8,
        scaleDownStabilizationMs: 120_000,
      },
      { deployment: 'loglens-alerting', namespace: 'loglens', consumer: 'alerting,alertingAnomalies' },
    ]);
  });

  it('reads JSON and defaults to no workers', () => {
    expect(parseAutoscaleWorkers('[{"deployment":"ml","minReplicas":0}]')).toEqual([
      { deployment: 'ml', minReplicas: 0 },
    ]);
    expect(loadConfig(autoscaleSettings, {})).toEqual({ autoscaleWorkers: [], autoscaleInterval: 1000 });
  });

  it.each([
    ['- deployment: Parser', /\[0\.deployment\] must be a Deployment name/],
    ['- deployment: parser\n  targetBacklog: 0', /\[0\.targetBacklog\]/],
    ['- deployment: parser\n  scaleDownStabilization: soon', /must be a duration/],
    ['- deployment: parser\n  replicas: 3', /\[0\]/],
    ['{', /not valid YAML/],
  ])('rejects %j', (text, message) => {
    expect(() => parseAutoscaleWorkers(text)).toThrow(message);
  });

  it('names the variable in the configuration error', () => {
    expect(() => loadConfig(autoscaleSettings, { LOGLENS_OPERATOR_AUTOSCALE: '- deployment: 7' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig(autoscaleSettings, { LOGLENS_OPERATOR_AUTOSCALE: '- deployment: 7' })).toThrow(
      /LOGLENS_OPERATOR_AUTOSCALE/,
    );
  });
});
