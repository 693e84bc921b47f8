/**
 * Input that cannot be compared: not JSON Schema at all, or a `$ref` that points nowhere. The
 * message is one sentence a person can act on; the CLI prints it and exits with 2.
 */
export class SchemaInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaInputError';
  }
}
