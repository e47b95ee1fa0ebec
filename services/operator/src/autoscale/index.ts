export { createAutoscaler, type Autoscaler, type AutoscalerOptions } from './autoscaler.js';
export { ANNOTATION_PREFIX, DEFAULT_SCALE_POLICY, type WorkerSpec } from './autoscale-targets.js';
export { autoscaleSettings, parseAutoscaleWorkers } from './settings.js';
export { decideScale, recommendReplicas, type ScaleDecision, type ScalePolicy } from './scale-decision.js';
