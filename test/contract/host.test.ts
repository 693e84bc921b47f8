import { describe, expect, expectTypeOf, it } from 'vitest';
import { argumentProblem } from '../../contract/fields.ts';
import {
  HOST_OPERATION_NAMES,
  HOST_OPERATIONS,
  isHostOperation,
  type HostArgs,
  type HostResult,
} from '../../contract/host.ts';
import type { OpenResult, Recovery } from '../../contract/host-results.ts';

describe('the host contract', () => {
  it('derives argument types from the same table the host checks at runtime', () => {
    expectTypeOf<HostArgs<'saveBoard'>>().toEqualTypeOf<{ name: string; text: string; overwrite?: boolean }>();
    expectTypeOf<HostArgs<'previewGenerate'>>().toEqualTypeOf<{ text: string; out: string; contexts: string[] }>();
    expectTypeOf<HostArgs<'session'>>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<HostResult<'openBoard'>>().toEqualTypeOf<OpenResult>();
    expectTypeOf<HostResult<'getRecovery'>>().toEqualTypeOf<Recovery | null>();
    expect(HOST_OPERATIONS.saveBoard.args).toEqual({ name: 'string', text: 'string', overwrite: 'boolean?' });
  });

  it('names its operations from the table, and nothing else', () => {
    expect(HOST_OPERATION_NAMES).toEqual(Object.keys(HOST_OPERATIONS));
    expect(HOST_OPERATION_NAMES.every(isHostOperation)).toBe(true);
    expect(isHostOperation('toString')).toBe(false);
    expect(isHostOperation('runShell')).toBe(false);
    expect(isHostOperation(undefined)).toBe(false);
  });

  it('says what is wrong with arguments, naming the argument', () => {
    const shape = HOST_OPERATIONS.previewGenerate.args;
    expect(argumentProblem(shape, { text: '{}', out: 'services', contexts: ['a'] })).toBeUndefined();
    expect(argumentProblem(shape, [])).toBe('arguments must be an object.');
    expect(argumentProblem(shape, { text: '{}', out: 'services' })).toBe('argument "contexts" is missing.');
    expect(argumentProblem(shape, { text: '{}', out: 'services', contexts: ['a', 1] })).toBe(
      'argument "contexts" must be a list of strings.',
    );
    expect(argumentProblem(shape, { text: '{}', out: 'services', contexts: Array(1001).fill('a') })).toBe(
      'argument "contexts" must be a list of strings.',
    );
    expect(argumentProblem(shape, { text: '{}', out: 1, contexts: [] })).toBe('argument "out" must be a string.');
    expect(argumentProblem(HOST_OPERATIONS.session.args, { folder: '/' })).toBe('unknown argument "folder".');
    expect(argumentProblem(HOST_OPERATIONS.autosave.args, { key: 'k', text: '' })).toBeUndefined();
  });
});
