import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The golden schema pairs of test/golden/schema/*.json, written by hand from the rules. */
export interface Verdicts {
  backward: boolean;
  forward: boolean;
  full: boolean;
  differences?: string[];
}
export interface GoldenCase extends Verdicts {
  name: string;
  old: unknown;
  new: unknown;
  differences: string[];
  strict?: Verdicts;
  needsReview?: string[];
}

const DIR = join(import.meta.dirname, '../../golden/schema');
export const GOLDEN = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({
    file,
    cases: (JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { cases: GoldenCase[] }).cases,
  }));
