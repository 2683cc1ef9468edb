// The retainer capture's cost (bench/retainers/cost.sh): a service-like heap of MEMGATE_COST_MIB MiB (small objects with strings, in a Map), plus a leak of ~4 KiB per call.
const MIB = Number(process.env.MEMGATE_COST_MIB ?? 32);
const records = new Map();
const leaked = [];
export function setup() {
  // About 7,800 records per MiB of heap (a Map entry, an object, a number and a short string each).
  const n = Math.round(MIB * 7_800);
  for (let i = 0; i < n; i++) records.set(i, { id: i, name: `record-${i}` });
}
function leak(i) {
  leaked.push({ i, payload: new Array(512).fill(i) });
}
let i = 0;
export default function run() {
  leak(i++);
}
