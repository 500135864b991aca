/**
 * One value per server process, shared by every copy of the calling module.
 * Next instantiates a module once per route bundle, so state kept in a module
 * variable (the parsed archive, the search index) would otherwise be built and
 * held once per route: several times the memory and the start-up work.
 */
export function processWide<T>(name: string, create: () => T): T {
  const store = globalThis as { [key: symbol]: unknown };
  const key = Symbol.for(`harbor-ledger.${name}`);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
