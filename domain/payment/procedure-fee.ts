import type { Procedure } from '../catalog/procedure.js';

/**
 * The fee paid at the counter for a procedure, in đồng: the in-person method's parsed fee (the
 * first amount when the portal lists several), else the first method that has one; 0 when free;
 * undefined when the catalog does not know it.
 */
export function procedureFee(p: Procedure): number | undefined {
  const inPerson = p.methods.find((m) => m.method === 'Trực tiếp' && m.feeAmount !== undefined);
  const any = inPerson ?? p.methods.find((m) => m.feeAmount !== undefined);
  return any?.feeAmount;
}
