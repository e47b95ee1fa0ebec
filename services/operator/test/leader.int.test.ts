import { CoordinationV1Api, KubeConfig } from '@kubernetes/client-node';
import { createLogger, silentLogger, type Logger } from '@loglens/platform';
import { startK8sApiServer, type K8sApiServer } from '@loglens/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLeaderElector, type LeaderElector } from '../src/leader/index.js';

// The production timings (15 s lease, 10 s renew deadline, 2 s retry) except where a test waits for expiry.
const defaults = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
const short = { leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 250 };
const namespace = 'default';
const report: Logger = process.env.LOGLENS_TEST_LOG ? createLogger({ name: 'leader-test' }) : silentLogger();

describe('leader election on a Lease', () => {
  let server: K8sApiServer;
  let kubeConfig: KubeConfig;
  let electors: LeaderElector[] = [];
  let leaseCount = 0;

  beforeAll(async () => {
    server = await startK8sApiServer();
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(server.kubeconfig(namespace));
  });
  afterEach(async () => {
    await Promise.all(electors.map((e) => e.stop()));
    electors = [];
  });
  afterAll(() => server.close());

  /** Two candidates for a fresh Lease, started together. */
  type Timings = typeof defaults;

  async function candidates(timings: Timings, extra: { releaseOnStop?: boolean } = {}) {
    const name = `operator-${++leaseCount}`;
    const make = (identity: string) =>
      createLeaderElector({
        kubeConfig,
        namespace,
        name,
        identity,
        logger: silentLogger(),
        ...timings,
        ...extra,
      });
    const pair = [make('replica-a'), make('replica-b')];
    electors.push(...pair);
    await Promise.all(pair.map((e) => e.start()));
    const lease = () => kubeConfig.makeApiClient(CoordinationV1Api).readNamespacedLease({ name, namespace });
    return { pair, lease };
  }

  async function theLeader(pair: LeaderElector[], timings: Timings): Promise<LeaderElector> {
    return vi.waitFor(
      () => {
        const leaders = pair.filter((e) => e.isLeader());
        expect(leaders).toHaveLength(1);
        return leaders[0]!;
      },
      { timeout: 2 * timings.leaseDurationMs, interval: 20 },
    );
  }

  it('elects exactly one leader, recorded in the Lease', async () => {
    const { pair, lease } = await candidates(defaults);
    const leader = await theLeader(pair, defaults);
    const identity = leader === pair[0] ? 'replica-a' : 'replica-b';
    // Through two renewals (one per retry period) there is still exactly that one leader.
    for (let i = 0; i < 25; i++) {
      expect(pair.map((e) => e.isLeader())).toEqual(pair.map((e) => e === leader));
      await new Promise((r) => setTimeout(r, 200));
    }
    const { spec } = await lease();
    expect(spec).toMatchObject({ holderIdentity: identity, leaseDurationSeconds: 15, leaseTransitions: 0 });
  });

  it('hands over to the standby when the leader stops', async () => {
    const { pair, lease } = await candidates(defaults);
    const leader = await theLeader(pair, defaults);
    const standby = pair.find((e) => e !== leader)!;
    const changes: boolean[] = [];
    standby.onChange((leading) => changes.push(leading));
    const stoppedAt = Date.now();
    await leader.stop();
    expect(leader.isLeader()).toBe(false);
    await vi.waitFor(() => expect(standby.isLeader()).toBe(true), {
      timeout: defaults.leaseDurationMs,
      interval: 10,
    });
    report.info({ takeoverMs: Date.now() - stoppedAt }, 'standby took over after a release');
    expect(changes).toEqual([true]);
    const { spec } = await lease();
    expect(spec?.leaseTransitions).toBe(1);
    expect(spec?.leaseDurationSeconds).toBe(15);
  });

  it('lets the standby take over after expiry when the leader stops renewing without release', async () => {
    const { pair, lease } = await candidates(short, { releaseOnStop: false });
    const leader = await theLeader(pair, short);
    const standby = pair.find((e) => e !== leader)!;
    const holder = (await lease()).spec?.holderIdentity;
    const killedAt = Date.now();
    await leader.stop();
    // The lease still names the old holder until it expires.
    expect((await lease()).spec?.holderIdentity).toBe(holder);
    await vi.waitFor(() => expect(standby.isLeader()).toBe(true), {
      timeout: 2 * short.leaseDurationMs,
      interval: 10,
    });
    report.info({ takeoverMs: Date.now() - killedAt }, 'standby took over after expiry');
    const { spec } = await lease();
    expect(spec?.holderIdentity).not.toBe(holder);
    expect(spec?.leaseTransitions).toBe(1);
  });
});
