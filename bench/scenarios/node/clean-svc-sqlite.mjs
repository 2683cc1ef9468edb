// Clean (service-shaped): an in-memory SQLite database (better-sqlite3; Node 20 has no node:sqlite) with
// prepared statements: each request inserts an order, reads the customer's ten most recent orders, and prunes old
// rows so the table stays bounded.
import Database from 'better-sqlite3';

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

function recentOrders(customer) {
  return recent.all(customer);
}

export default function run() {
  const id = ++n;
  const customer = placeOrder(id);
  const rows = recentOrders(customer);
  prune.run(id - 1000);
  return rows.length;
}

export function teardown() {
  db.close();
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, -20 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs -37 -20 -13); one 50-iteration pass after 50 of warm-up: 2 B/iteration, the warm-up tail.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
