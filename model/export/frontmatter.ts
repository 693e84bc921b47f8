/**
 * A small YAML writer for MDX frontmatter: strings are always double-quoted with JSON's escapes
 * (valid YAML), so no name can break out of its value, start a comment or a new key.
 */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

export function frontmatter(fields: Record<string, YamlValue | undefined>): string {
  const lines = ['---'];
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) lines.push(...entry(key, value, ''));
  lines.push('---');
  return lines.join('\n');
}

function entry(key: string, value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${key}: []`];
    return [`${indent}${key}:`, ...value.flatMap((item) => listItem(item, `${indent}  `))];
  }
  if (typeof value === 'object') {
    const keys = Object.entries(value);
    if (keys.length === 0) return [`${indent}${key}: {}`];
    return [`${indent}${key}:`, ...keys.flatMap(([k, v]) => entry(k, v, `${indent}  `))];
  }
  return [`${indent}${key}: ${scalar(value)}`];
}

function listItem(item: YamlValue, indent: string): string[] {
  if (typeof item === 'object' && !Array.isArray(item)) {
    const [first, ...rest] = Object.entries(item).flatMap(([k, v]) => entry(k, v, `${indent}  `));
    if (first === undefined) return [`${indent}- {}`];
    return [`${indent}- ${first.trimStart()}`, ...rest];
  }
  if (Array.isArray(item)) return [`${indent}- ${JSON.stringify(item)}`];
  return [`${indent}- ${scalar(item)}`];
}

function scalar(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
