// Writes the CRD YAML generated from the schemas in src/ to k8s/crds/ (npm run crds).
import { writeFile } from 'node:fs/promises';
import { renderCrdFiles } from '../src/index.js';

const directory = new URL('../../../k8s/crds/', import.meta.url);
for (const file of renderCrdFiles()) {
  await writeFile(new URL(file.fileName, directory), file.yaml);
  process.stdout.write(`wrote k8s/crds/${file.fileName}\n`);
}
