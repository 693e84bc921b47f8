import { checkUserSchema, readDraft, type DraftReading } from '../json-schema/validator-setup.ts';

/** `plain`: the text holds no `$ref`, `$id` or anchor, so its document needs no index of targets. */
export type SchemaCheck =
  | { ok: true; reading: DraftReading; plain: boolean }
  | { ok: false; reading: DraftReading | undefined; message: string };

// A key that may name a reference target or a reference (a property called "id" also matches: harmless).
const REFERENCE_KEY = /"(?:\$id|id|\$anchor|\$dynamicAnchor|\$ref|\$recursiveRef|\$dynamicRef)":/;

// A board compares the same versions again on every change, as new objects with the same text.
// Remembered by text, not by object: a schema edited in place must not keep an old answer.
const byText = new Map<string, SchemaCheck>();
const TEXTS = 5000;

/** Whether a schema is valid JSON Schema of the draft it is read in (checkUserSchema), remembered. */
export function checkSchema(schema: unknown): SchemaCheck {
  const text = JSON.stringify(schema);
  let result = byText.get(text);
  if (!result) {
    const checked = checkUserSchema(schema);
    result = checked.ok
      ? { ...checked, plain: !REFERENCE_KEY.test(text) }
      : { ok: false, reading: readDraft(schema), message: checked.message };
    if (byText.size >= TEXTS) byText.clear(); // a long session must not grow without end
    byText.set(text, result);
  }
  return result;
}
