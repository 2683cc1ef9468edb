// Clean and allocation-heavy: ~25 MB of short-lived objects per call, all garbage when it returns.
function renderRows(n) {
  const rows = [];
  for (let i = 0; i < n; i++) rows.push({ id: i, label: `row ${i}`, cells: [i, i * 2, i * 3, i * 4] });
  return rows.map((row) => `${row.id}:${row.label}:${row.cells.join(',')}`).join('\n').length;
}

export default function run() {
  let total = 0;
  for (let k = 0; k < 4; k++) total += renderRows(25_000);
  return total;
}

export const options = { iterations: 30 };
export const expect = { leaks: false, bytesPerIteration: 0, allocationHeavy: true };
