import { stringify } from 'yaml';

/** A kubeconfig (YAML) for a plain-HTTP server with no credentials, its context set to `namespace`. */
export function kubeconfigFor(url: string, namespace = 'default'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // The server speaks plain HTTP; @kubernetes/client-node refuses http:// unless TLS checks are marked off.
    clusters: [{ name: 'loglens-test', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'loglens-test', user: {} }],
    contexts: [
      { name: 'loglens-test', context: { cluster: 'loglens-test', user: 'loglens-test', namespace } },
    ],
    'current-context': 'loglens-test',
    preferences: {},
  });
}
