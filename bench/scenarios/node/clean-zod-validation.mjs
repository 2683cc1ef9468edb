// Clean, with a popular package as its users use it: one zod schema defined once, validating a
// batch of orders per call; results are dropped.
import { z } from 'zod';

const Order = z.object({
  id: z.string().uuid(),
  customer: z.object({ name: z.string().min(1), email: z.string().email() }),
  lines: z.array(z.object({ sku: z.string().regex(/^[A-Z]{3}-\d{4}$/), quantity: z.number().int().positive() })).min(1),
  note: z.string().max(200).optional(),
});

const orders = Array.from({ length: 100 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  customer: { name: `Customer ${i}`, email: `c${i}@example.com` },
  lines: [{ sku: `ABC-${String(1000 + i)}`, quantity: 1 + (i % 5) }],
  ...(i % 3 === 0 ? { note: 'leave at the door' } : {}),
}));

export default function run() {
  let valid = 0;
  for (const order of orders) if (Order.safeParse(order).success) valid++;
  // One invalid order per call exercises the error path too.
  if (!Order.safeParse({ id: 'nope', customer: {}, lines: [] }).success) valid--;
  return valid;
}

export const expect = { leaks: false, bytesPerIteration: 0 };
