// Clean, with a popular package: format and parse sizes for a transient report with `bytes`.
import bytes from 'bytes';

export default function run() {
  const rows = [];
  for (let i = 0; i < 2000; i++) {
    const size = (i + 1) * 1537;
    rows.push(`${i}\t${bytes.format(size, { unitSeparator: ' ' })}\t${bytes.parse(`${i + 1}KB`)}`);
  }
  return rows.join('\n').length;
}

export const expect = { leaks: false, bytesPerIteration: 0 };
