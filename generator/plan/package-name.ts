import type { Context } from '../../model/board/types.ts';
import { toIdentifier } from '../../model/names/identifiers.ts';
import type { ContextPlanning } from './context-planning.ts';

const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/**
 * The service's npm package name: the context's service.packageName, or one made from its name.
 * It becomes a folder name, so anything npm would not take is refused ('invalid' stands in).
 */
export function packageNameOf(p: ContextPlanning, context: Context): string {
  const asked = context.service?.packageName;
  if (asked !== undefined) {
    if (NPM_NAME.test(asked) && asked.length <= 214 && !asked.includes('..')) return asked;
    p.refuse(
      'package-name-invalid',
      [],
      `the context ${JSON.stringify(context.name)}: its packageName ${JSON.stringify(asked)} is not a valid npm package name (lowercase letters, digits, - . _ ~, optionally @scope/)`,
    );
    return 'invalid';
  }
  const kebab = toIdentifier(context.name).kebab || toIdentifier(context.id).kebab;
  if (!kebab || !NPM_NAME.test(`${kebab}-service`)) {
    p.refuse(
      'package-name-missing',
      [],
      `the context ${JSON.stringify(context.name)} gives no package name; set service.packageName`,
    );
    return 'invalid';
  }
  return `${kebab}-service`;
}
