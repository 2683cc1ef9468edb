// Leak (service-shaped): clean-svc-sqlite with a query-result cache keyed by (customer, request id): the
// key never repeats, so every request's result rows stay (~2 KiB per request).
import Database from 'better-sqlite3';

const resultCache = new Map();
let db;
let insert;
let recent;
let prune;
let n = 0;

export function setup() {
  db = new Database(':memory:');
  db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, total REAL NOT NULL, note TEXT NOT NULL)');
  db.exec('CREATE INDEX orders_customer ON orders (customer, id)');
  insert = db.prepare('INSERT INTO orders (id, customer, total, note) VALUES (?, ?, ?, ?)');
  recent = db.prepare('SELECT id, customer, total, note FROM orders WHERE customer = ? ORDER BY id DESC LIMIT 10');
  prune = db.prepare('DELETE FROM orders WHERE id <= ?');
  // Ten orders per customer before the first request, so every request reads a full page of rows.
  while (n < 400) placeOrder(++n);
}

function placeOrder(id) {
  const customer = `c${id % 40}`;
  insert.run(id, customer, (id % 500) / 10, `order ${id} for ${customer}: ${'gift wrap, '.repeat(id % 8)}`);
  return customer;
}

function recentOrdersCached(customer, requestId) {
  const rows = recent.all(customer);
  resultCache.set(`${customer}:${requestId}`, rows);
  return rows;
}

export default function run() {
  const id = ++n;
  const customer = placeOrder(id);
  const rows = recentOrdersCached(customer, id);
  prune.run(id - 1000);
  return rows.length;
}

export function teardown() {
  db.close();
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): 2,017 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 2017 2017 1994); one 50-iteration pass after 50 of warm-up: 1,976 B/iteration.
export const expect = { leaks: true, bytesPerIteration: 2_017, function: 'recentOrdersCached', line: 29, service: true, holder: 'resultCache' };
