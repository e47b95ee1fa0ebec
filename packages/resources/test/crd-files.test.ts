import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderCrdFiles } from '../src/index.js';

const crdDirectory = new URL('../../../k8s/crds/', import.meta.url);

describe('committed CRDs', () => {
  it.each(renderCrdFiles().map((f) => [f.fileName, f] as const))(
    'k8s/crds/%s matches the schemas',
    async (fileName, file) => {
      const committed = await readFile(new URL(fileName, crdDirectory), 'utf8').catch(() => '');
      // A plain boolean check keeps the failure to one actionable line instead of a diff of the whole CRD.
      if (committed !== file.yaml) {
        expect.fail(`k8s/crds/${fileName} is out of date with packages/resources: run npm run crds`);
      }
    },
  );
});
