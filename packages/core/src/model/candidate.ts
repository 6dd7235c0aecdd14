/**
 * Who a `kind: candidate` opportunity keeps warm.
 *
 * @module
 */

import { comparableName } from './names';
import type { Contact, Opportunity } from './pipeline';

/**
 * The person a `kind: candidate` opportunity keeps warm, as `plan()` addresses its steps: the
 * contact whose `role` is `candidate` (in any case), else the first contact. `undefined` for an
 * opportunity of another kind, or with no contacts.
 *
 * Tools built on the plan use it to tell the candidate from the people at the client, e.g. to
 * know whom a touch recorded without a name went to.
 *
 * @example
 * const opportunity = pipeline.opportunities.find((o) => o.id === 'globex-sre-ana')!
 * candidateOf(opportunity)?.name // 'Ana Souza', not the hiring manager listed after her
 */
export function candidateOf(
  opportunity: Pick<Opportunity, 'kind' | 'contacts'>,
): Contact | undefined {
  if (opportunity.kind !== 'candidate') return undefined;
  const contacts = opportunity.contacts;
  return (
    contacts.find((c) => c.role !== undefined && comparableName(c.role) === 'candidate') ??
    contacts[0]
  );
}
