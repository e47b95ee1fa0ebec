import { hostname } from 'node:os';
import { durationSetting, optional, stringSetting } from '@loglens/platform';

/** Settings of leader election, for the operator's config spec (`LOGLENS_OPERATOR_*`). */
export const leaderElectionSettings = {
  /** Name of the Lease the operator replicas compete for. @default loglens-operator */
  leaseName: stringSetting('LOGLENS_OPERATOR_LEASE_NAME', {
    default: 'loglens-operator',
    doc: 'Name of the coordination.k8s.io/v1 Lease (in the operator namespace) that elects the active replica.',
  }),
  /** This replica's identity in the Lease; the host name (the pod name) when unset. */
  leaseIdentity: optional(
    stringSetting('LOGLENS_OPERATOR_IDENTITY', {
      doc: 'Identity this replica writes into the Lease; must differ between replicas (default: the host name, i.e. the pod name).',
    }),
  ),
  /** How long a standby waits after the Lease last changed before taking it over. @default 15s */
  leaseDuration: durationSetting('LOGLENS_OPERATOR_LEASE_DURATION', {
    default: '15s',
    doc: 'How long a standby waits, after it last saw the Lease change, before taking it over.',
  }),
  /** How long the leader keeps leading without a successful renewal. @default 10s */
  renewDeadline: durationSetting('LOGLENS_OPERATOR_RENEW_DEADLINE', {
    default: '10s',
    doc: 'How long the leader keeps acting without a successful renewal; must be shorter than the lease duration.',
  }),
  /** Pause between two attempts to acquire or renew. @default 2s */
  retryPeriod: durationSetting('LOGLENS_OPERATOR_RETRY_PERIOD', {
    default: '2s',
    doc: 'Pause between two attempts to acquire or renew the Lease; must be shorter than the renew deadline.',
  }),
};

/** The identity to use when none is configured: the host name, which Kubernetes sets to the pod name. */
export function defaultLeaseIdentity(): string {
  return hostname();
}
