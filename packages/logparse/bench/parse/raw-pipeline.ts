import { createTemplateMiner, type TemplateMiner } from '../../src/mining/index.js';
import { createLogPipeline } from '../../src/pipeline/index.js';

/** Feeds one input line to a fresh parsing engine and tells which template group it joined. */
export interface LineRunner {
  /** Group of the line, undefined when the engine held it (a partial container line). */
  feed(line: string): number | undefined;
  readonly miner: TemplateMiner;
}

/** Content mode: the line is the message; only the miner runs. */
export function contentRunner(): LineRunner {
  const miner = createTemplateMiner();
  return { miner, feed: (line) => miner.add(line).clusterId };
}

/**
 * Raw mode: each raw line goes through the whole engine (format detection and header parsing, redaction,
 * mining), one line per record, as a shipper that already framed lines would send them.
 */
export function rawRunner(): LineRunner {
  const pipeline = createLogPipeline();
  let lineNumber = 0;
  return {
    miner: pipeline.miner,
    feed(line) {
      lineNumber++;
      const out = pipeline.processRecord({
        text: line,
        lineNumber,
        lineCount: 1,
        truncated: false,
        invalidUtf8: 0,
      });
      return out?.match.clusterId;
    },
  };
}
