// Clean: functions that get hot late. Each is called a few times per iteration, so the optimizing
// compilers tier them up somewhere around the end of the warm-up pass or in the measured pass; the
// code and feedback they allocate then is a one-time cost, not growth.
function checksum(values) {
  let h = 0;
  for (let i = 0; i < values.length; i++) h = (h * 31 + values[i]) | 0;
  return h;
}

function parseLine(line) {
  const parts = line.split(',');
  return { a: Number(parts[0]), b: Number(parts[1]), c: parts[2] };
}

function score(record, weights) {
  return record.a * weights[0] + record.b * weights[1] + record.c.length * weights[2];
}

const lines = Array.from({ length: 64 }, (_, i) => `${i},${i * 3},name${i}`);
const weights = [0.5, 0.25, 2];

export default function run() {
  let total = 0;
  for (let k = 0; k < 3; k++) {
    const records = lines.map(parseLine);
    total += checksum(records.map((r) => score(r, weights)));
  }
  return total;
}

export const expect = { leaks: false, bytesPerIteration: 0 };
