// Leak through a popular package: a zod schema built per tenant and memoized by tenant id; tenants
// are unbounded, so the memo grows. Validation is done as zod's users do it (safeParse).
import { z } from 'zod';

const schemas = new Map();

function validateForTenant(tenant, input) {
  let schema = schemas.get(tenant);
  if (schema === undefined) {
    schema = z.object({
      id: z.string().min(1),
      tenant: z.literal(tenant),
      quantity: z.number().int().nonnegative(),
      tags: z.array(z.string()).max(10),
    });
    schemas.set(tenant, schema);
  }
  return schema.safeParse(input).success;
}

let tenant = 0;
export default function run() {
  const t = `tenant-${tenant++}`;
  validateForTenant(t, { id: 'a1', tenant: t, quantity: 3, tags: ['x'] });
}

// Ground truth: bench/truth.mjs measured 15,280 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 15_280, function: 'validateForTenant', line: 7, holder: 'schemas' };
