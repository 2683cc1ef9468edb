// Leak: a poller started per call and never cleared; the interval's closure holds its state.
// (Deliberately not unref'd: a user's workload may leave timers behind and memgate must still finish.)
function startPolling(target) {
  const state = { target, samples: new Array(2048).fill(0), index: 0 };
  setInterval(() => {
    state.samples[state.index++ % state.samples.length] = Date.now();
  }, 3_600_000);
}

let target = 0;
export default function run() {
  startPolling(`host-${target++}`);
}

// Ground truth: bench/truth.mjs measured 16,720 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 16_720, function: 'startPolling', line: 3, holder: 'timers' };
