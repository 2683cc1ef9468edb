// Clean: a poller per call that is stopped when the call is done (the fixed version of leak-interval).
function poll(target) {
  const state = { target, samples: new Array(2048).fill(0), index: 0 };
  const timer = setInterval(() => {
    state.samples[state.index++ % state.samples.length] = Date.now();
  }, 1);
  return new Promise((resolve) => {
    setTimeout(() => {
      clearInterval(timer);
      resolve(state.index);
    }, 3);
  });
}

let target = 0;
export default async function run() {
  await poll(`host-${target++}`);
}

export const expect = { leaks: false, bytesPerIteration: 0 };
