/**
 * What the fold makes of a shared delivery's creation and preparation: the record and address
 * list a creation fact describes, and a preparation with the relay's exclusions, laid out by the
 * same code as a page's own (store/preparation.ts).
 */
import { StateError } from '../errors.js';
import { buildAudience, generatedAudience, type BuiltAudience } from '../store/audience.js';
import { layOutPreparation, listExclusions } from '../store/preparation.js';
import { newRecord } from '../store/creation.js';
import type { DeliveryRecord } from '../store/schema.js';
import { userTransition } from '../store/transitions.js';
import type { ExclusionCause, User } from '../types.js';
import type { SharedDefinition } from './facts.js';
import type { ReplicaSpace } from './fold.js';

/** A verified user's name as the table's `move` takes a user (roles were checked by the relay). */
export const actor = (name: string): User => ({ name, roles: [] });

/**
 * Preparation of a shared delivery: the list's own exclusions and those the relay found on its
 * address lists, laid out by the same code as a local preparation.
 */
export async function prepare(
  space: ReplicaSpace,
  record: DeliveryRecord,
  by: User,
  at: number,
  exclusions: readonly (readonly [number, ExclusionCause])[],
): Promise<void> {
  userTransition(record, 'prepare', by, at);
  const audience = await space.audience(record.audienceId);
  if (!audience) throw new StateError('prepare', record.state, record.id);
  const causes = listExclusions(audience);
  for (const [recipient, cause] of exclusions)
    if (recipient < record.recipientCount && !causes.has(recipient)) causes.set(recipient, cause);
  await space.lay(record, layOutPreparation(record, audience, causes, by.name, at));
}

/** A shared delivery's new record (marked with the log) and its address list, as creation makes them. */
export function sharedCreation(
  id: string,
  definition: SharedDefinition,
  { at, by }: { at: number; by: string },
  space: ReplicaSpace,
): { record: DeliveryRecord; audience: BuiltAudience } {
  const { audience: shared, simulation: _simulation, ...input } = definition;
  const recipientCount = 'generated' in shared ? shared.generated : shared.count;
  const record = {
    ...newRecord({ ...input, recipientCount }, actor(by), id, at),
    shared: space.log,
  };
  if ('generated' in shared)
    return { record, audience: generatedAudience(id, recipientCount, input.channel) };
  const addresses = space.list(shared.list);
  return { record, audience: buildAudience(id, recipientCount, (index) => addresses[index] ?? '') };
}
