import type { Migration } from 'kysely';
import { foundation } from './0001-foundation.js';
import { dataPlane } from './0002-data-plane.js';
import { templateLineage } from './0003-template-lineage.js';

/**
 * Every migration, by name. Names sort in the order they run; add new ones at the end with the next
 * number and never rename or edit one that has shipped.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-foundation': foundation,
  '0002-data-plane': dataPlane,
  '0003-template-lineage': templateLineage,
});
