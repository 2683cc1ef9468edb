// Leak: instances register themselves in a static registry and are never unregistered.
class Connection {
  static open = new Set();

  constructor(id) {
    this.id = id;
    this.readBuffer = new Array(2048).fill(0);
    Connection.open.add(this);
  }

  close() {
    Connection.open.delete(this);
  }
}

let id = 0;
export default function run() {
  // The caller forgets close().
  new Connection(id++);
}

// Ground truth: bench/truth.mjs measured 16,400 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 16_400, function: 'Connection', line: 5, holder: 'open' };
