import { AsyncLocalStorage } from 'node:async_hooks';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Parser } from '@asyncapi/parser';
import { assertInside } from '../io/confined.ts';
import { describeReadError } from '../io/fs-errors.ts';
import { MAX_DOCUMENT_BYTES } from '../io/limits.ts';
import { readTextCapped } from '../io/read-text.ts';

type ParserOptions = NonNullable<ConstructorParameters<typeof Parser>[0]>;
type ResolverOptions = NonNullable<NonNullable<ParserOptions['__unstable']>['resolver']>;
type Resolver = NonNullable<ResolverOptions['resolvers']>[number];
type Uri = Parameters<Resolver['read']>[0];

/** What one parse may read: files inside `folder` only; what it was refused, as sentences. */
export interface RefScope {
  folder?: string;
  refused: string[];
}

const scope = new AsyncLocalStorage<RefScope>();

/** Runs one parse with its own scope: the parser is shared, the folder each document may read is not. */
export function withRefScope<T>(refs: RefScope, run: () => Promise<T>): Promise<T> {
  return scope.run(refs, run);
}

// The parser's own http, https and file readers stay registered behind these (it adds them to
// whatever it is given) and run when one of ours throws; so ours never throw. A refusal is
// answered with an empty schema and reported by the caller from the scope instead.
const REFUSED = '{}';

function refuse(sentence: string): string {
  scope.getStore()?.refused.push(sentence);
  return REFUSED;
}

async function readFileRef(uri: Uri): Promise<string> {
  const folder = scope.getStore()?.folder;
  const href = uri.href();
  let path: string;
  try {
    path = href.startsWith('file:') ? fileURLToPath(href) : decodeURIComponent(href);
  } catch {
    return refuse(`the reference ${href} is not a file path Stormbench can read`);
  }
  if (folder === undefined || !isAbsolute(path))
    return refuse(`the reference ${href} points to a file, and this document may only refer inside itself`);
  try {
    await assertInside(folder, path);
  } catch {
    return refuse(`the reference ${href} lies outside the document's folder, and Stormbench reads no file outside it`);
  }
  try {
    return await readTextCapped(path, MAX_DOCUMENT_BYTES, 'a file a document refers to');
  } catch (error) {
    return refuse(`the reference ${describeReadError(error, href)}`);
  }
}

/**
 * The only readers the AsyncAPI parser gets for `$ref`s: no network at all, and files only inside
 * the folder of the document being parsed (through symbolic links too), each at most the size of
 * a document. The importer refuses such references on the parsed document before the parser runs;
 * this is the second lock, for whatever spelling that check would ever miss.
 */
export function confinedResolver(): ResolverOptions {
  const remote: Resolver['read'] = (uri) =>
    refuse(`the document refers to ${uri.toString()}, and Stormbench does not fetch remote references`);
  return {
    // A cache shared between parses would hand one document the files another was allowed to read.
    cache: false,
    resolvers: [
      { schema: 'http', order: 1, canRead: true, read: remote },
      { schema: 'https', order: 1, canRead: true, read: remote },
      { schema: 'file', order: 1, canRead: true, read: readFileRef },
    ],
  };
}
