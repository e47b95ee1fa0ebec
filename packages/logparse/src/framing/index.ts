export { createFramer, type Framer } from './framer.js';
export {
  FramerOptionsError,
  resolveFramerOptions,
  type FramerOptions,
  type FramerStats,
  type MultilineMode,
  type ResolvedFramerOptions,
} from './framer-options.js';
export { splitLines } from './split-lines.js';
export {
  createAutoClassifier,
  createPatternClassifier,
  type LineClassifier,
  type LineRole,
} from './multiline.js';
