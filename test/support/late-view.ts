/**
 * What a test fixture returns for a value it makes in a hook (`beforeAll`, `beforeEach`): an object
 * whose properties read the value of the moment, so a file can hold it at the top and use it in
 * its tests. Read before the hook made it (at the file's top level), it says so in words.
 */
export function lateView<T extends object>(current: () => T | undefined, madeIn: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const value = current();
      if (value === undefined) throw new Error(`It is made in ${madeIn}: read it inside a test or a hook.`);
      return Reflect.get(value, key, value);
    },
  });
}
