import { describe, expect, it } from 'vitest';
import { describeRejection } from '../../generator/import/asyncapi.ts';
import { describeFsError, isFsError, shownPath } from '../../generator/io/fs-errors.ts';
import { hasStack } from '../support/cli.ts';

/** The error Node's fs gives, as it gives it. */
function fsError(code: string, syscall: string, path: string): Error & { code: string; syscall: string; path: string } {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

describe("the file system's refusals in words", () => {
  const cases: Array<[string, string, RegExp]> = [
    ['ENOTDIR', 'mkdir', /a part of that path is a file, not a folder; choose another output path/],
    ['EACCES', 'open', /permission denied; choose a folder you may use/],
    ['EPERM', 'mkdir', /permission denied/],
    ['EROFS', 'open', /read-only file system; choose an output path on a disk you can write to/],
    ['ENAMETOOLONG', 'open', /the name is too long for the file system .*choose a shorter one/],
    ['ENOSPC', 'write', /the disk is full .*free some space/],
    ['ENOENT', 'mkdir', /cannot be made there/],
    ['EISDIR', 'open', /it is a folder; give the path of a file/],
    ['EIO', 'fsync', /input\/output error/],
    ['EWHATEVER', 'rename', /the file system refused \(EWHATEVER on rename\)/],
  ];
  for (const [code, syscall, sentence] of cases) {
    it(`${code} on ${syscall}`, () => {
      const error = fsError(code, syscall, '/srv/out/x.json');
      expect(isFsError(error)).toBe(true);
      const text = describeFsError(error);
      expect(text.startsWith('Cannot write /srv/out/x.json: ')).toBe(true);
      expect(text).toMatch(sentence);
      expect(text.split('\n')).toHaveLength(1);
      expect(text.endsWith('.')).toBe(true);
    });
  }

  it('a bug is not a file-system error, and a 100,000-character path is shortened', () => {
    expect(isFsError(new TypeError('x is undefined'))).toBe(false);
    expect(isFsError(Object.assign(new Error('no'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(false);
    const long = `/tmp/${'n'.repeat(100_000)}`;
    expect(shownPath(long)).toMatch(/^\/tmp\/n+…n+ \(100005 characters\)$/);
    expect(shownPath(long).length).toBeLessThan(160);
  });
});

describe("the AsyncAPI parser's diagnostics", () => {
  it('never pass a stack on', () => {
    // What the parser reports when something inside it throws (the old deep-YAML failure).
    const message =
      'Error thrown during AsyncAPI document validation. Name: RangeError, message: Maximum call stack size exceeded, stack: RangeError: Maximum call stack size exceeded\n    at Object.newItems (/x/yamlAST.ts:113:5)\n    at readFlowCollection (/x/loader.ts:837:19)';
    const text = describeRejection('deep.yaml', [
      { severity: 'error', code: 'uncaught-error', message, pointer: '/', line: 1, column: 1 },
    ]);
    expect(hasStack(text)).toBe(false);
    expect(text).not.toMatch(/stack:|loader\.ts/);
    expect(text).toBe(
      'deep.yaml:1:1: Error thrown during AsyncAPI document validation. Name: RangeError, message: Maximum call stack size exceeded',
    );
  });
});
