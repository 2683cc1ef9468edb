// A service-like heap for the snapshot-diff and big-heap comparisons: `megabytes` of live customer records
// built at setup (many small objects, as real heaps have), plus a leak of `leakElements` small integers per
// call (2048: ~16 KB; 768: ~6 KB; 0: none, the clean variant) and per-call garbage.
export function bigHeapWorkload(megabytes, leakElements = 2048) {
  const records = [];
  const leaked = [];
  let call = 0;

  function setup() {
    // ~270 bytes per record (measured): the object, two short strings, a small tags array.
    const count = Math.round((megabytes * 1024 * 1024) / 270);
    for (let i = 0; i < count; i++) {
      records.push({ id: i, name: `customer-${i}`, email: `c${i}@example.com`, tags: [i % 7, i % 11], score: i * 1.5 });
    }
  }

  function handleRequest() {
    const page = records.slice((call * 100) % (records.length - 100), ((call * 100) % (records.length - 100)) + 100);
    const view = page.map((r) => ({ id: r.id, label: `${r.name} <${r.email}>` }));
    if (leakElements > 0) leaked.push(new Array(leakElements).fill(call));
    call++;
    return view.length;
  }

  return { setup, run: handleRequest };
}
