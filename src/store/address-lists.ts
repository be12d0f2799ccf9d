/** The denylist and the quarantine: the lists the next preparation excludes addresses by. */
import { ChangeSet } from './changes.js';
import type { Outcome } from './store-access.js';
import type { WriteTx } from './transactions.js';

/** Sets the lists named in `lists` for one normalised address; an address on none is removed. */
export async function setAddressStatusInTransaction(
  tx: WriteTx<'addressLists'>,
  address: string,
  lists: { denylisted?: boolean; quarantined?: boolean },
): Promise<Outcome<void>> {
  const store = tx.objectStore('addressLists');
  const known = await store.get(address);
  const next = { denylisted: false, quarantined: false, ...known, ...lists, address };
  if (next.denylisted || next.quarantined) await store.put(next);
  else await store.delete(address);
  return { result: undefined, changes: new ChangeSet().note(null, 'address-lists') };
}
