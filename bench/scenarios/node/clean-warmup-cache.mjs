// Clean: a memo cache over a bounded key set (20 currencies). It fills during the warm-up pass and
// never grows after: naive before/after tools that skip warm-up flag it.
const rates = new Map();

function rateTable(currency) {
  let table = rates.get(currency);
  if (table === undefined) {
    table = new Array(4096).fill(currency.length);
    rates.set(currency, table);
  }
  return table;
}

let call = 0;
export default function run() {
  const currency = `C${call++ % 20}`;
  return rateTable(currency)[0];
}

export const expect = { leaks: false, bytesPerIteration: 0 };
