// Loaded on first use by clean-lazy-import.mjs: a module with a sizeable table built at load time.
export const table = Array.from({ length: 20_000 }, (_, i) => ({ code: i, name: `code-${i}` }));

export function lookup(code) {
  return table[code % table.length].name;
}
