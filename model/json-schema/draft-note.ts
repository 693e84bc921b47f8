import type { DraftReading } from './validator-setup.ts';

const FORM: Record<NonNullable<DraftReading['inferredFrom']>['keyword'], string> = {
  items: 'is a list of schemas (a tuple), a form 2020-12 dropped',
  additionalItems: 'is a keyword 2020-12 dropped',
  dependencies: 'is a keyword 2020-12 split into "dependentRequired" and "dependentSchemas"',
};

/**
 * The note shown wherever a schema was read in a draft its `$schema` did not name (the linter, the
 * dock, `schema diff` and `schema history`): which draft, and the keyword that decided it.
 * Undefined when the schema names its draft or is read as 2020-12, the default.
 */
export function draftNote(reading: DraftReading | undefined): string | undefined {
  const from = reading?.inferredFrom;
  if (!reading || !from) return undefined;
  return `read as ${reading.draft}: it names no "$schema", and its "${from.keyword}" at ${from.pointer} ${FORM[from.keyword]}; add "$schema": "${SCHEMA_URI[reading.draft]}" to say so`;
}

const SCHEMA_URI: Record<DraftReading['draft'], string> = {
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  'draft-06': 'http://json-schema.org/draft-06/schema#',
  'draft-04': 'http://json-schema.org/draft-04/schema#',
};
