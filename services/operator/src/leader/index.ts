export { createLeaderElector, type LeaderElector, type LeaderElectorOptions } from './leader-elector.js';
export { defaultLeaseIdentity, leaderElectionSettings } from './settings.js';
