// Clean: a module-level index replaced wholesale on every call. The live copy always comes from the
// same line, so before and after hold the same amount there.
let index = new Map();
let generation = 0;

function rebuildIndex() {
  const next = new Map();
  for (let i = 0; i < 2000; i++) next.set(`item-${i}`, { id: i, generation, tags: [`t${i % 7}`] });
  index = next;
  generation++;
}

export default function run() {
  rebuildIndex();
  return index.size;
}

export const expect = { leaks: false, bytesPerIteration: 0 };
