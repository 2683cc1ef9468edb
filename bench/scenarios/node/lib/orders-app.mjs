// The Express 5 app of issue 10's "Express shape": /health, a product route behind a 100-entry LRU, and
// POST /orders. `onOrder` is the scenario's hook: the clean variant handles the order and keeps nothing, the
// leaking one adds a `once` listener per order on an event that never fires.
import express from 'express';

class Lru {
  constructor(limit) {
    this.limit = limit;
    this.map = new Map();
  }

  get(key) {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value);
  }
}

function loadProduct(id) {
  return { id, name: `product ${id}`, price: (Number(id.slice(1)) % 97) + 0.99, tags: ['catalog', `shelf-${id.length}`] };
}

export function createOrdersApp(onOrder) {
  const app = express();
  const products = new Lru(100);
  let orders = 0;
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true, uptime: Math.round(process.uptime()) });
  });
  app.get('/products/:id', (req, res) => {
    let product = products.get(req.params.id);
    if (product === undefined) products.set(req.params.id, (product = loadProduct(req.params.id)));
    res.json(product);
  });
  app.post('/orders', (req, res) => {
    const order = { id: ++orders, customer: String(req.body.customer), items: req.body.items, total: 0 };
    for (const item of order.items) order.total += item.qty * item.price;
    onOrder(order);
    res.status(201).json({ id: order.id, total: order.total });
  });
  return app;
}

/** One client session's worth of calls: health check, a product page, an order; fetch per request. */
export async function browseAndOrder(origin, n) {
  const health = await fetch(`${origin}/health`);
  await health.json();
  const product = await fetch(`${origin}/products/p${n % 300}`);
  const p = await product.json();
  const order = await fetch(`${origin}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customer: `c${n % 50}`, items: [{ sku: p.id, qty: 1 + (n % 3), price: p.price }] }),
  });
  return (await order.json()).id;
}
