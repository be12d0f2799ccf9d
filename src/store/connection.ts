/**
 * The database connection: opened on demand, reopened after an abnormal close, and closed at
 * once when another page needs a newer version (so that page's upgrade never hangs on us).
 * A database of the same name that sendkit did not create is refused and never touched.
 */
import {
  StoreBlockedError,
  StoreMissingError,
  StoreNameTakenError,
  StoreVersionError,
} from '../errors.js';
import { openDB, type IDBPDatabase } from 'idb';
import { CORE_STORES, type SendkitDB } from './schema.js';
import type { Database } from './transactions.js';

export const SCHEMA_VERSION = 4;
/**
 * A reader also opens stores of older versions whose reads are the same: version 3 only added
 * `dispatch`, which no read looks at, and version 4 `timeline`, which readTimeline finds empty
 * when it is missing, so a portal still on a previous release can be watched.
 */
const OLDEST_READABLE_VERSION = 2;

/** Whether a database holds every object store of sendkit's schema. */
export function isSendkitDatabase(names: DOMStringList): boolean {
  return CORE_STORES.every((store) => names.contains(store));
}

/**
 * Aborts an upgrade that must not happen. idb gives each transaction a `done` promise that an
 * abort rejects; nothing else awaits this one, so it is settled here, or the page would see an
 * unhandled AbortError beside the typed error the caller gets.
 */
function refuseUpgrade(transaction: { abort(): void; done: Promise<void> }): void {
  transaction.done.catch(() => undefined);
  transaction.abort();
}

/** The migration ladder: one step per version, each run once. */
function upgrade(db: IDBPDatabase<SendkitDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    const deliveries = db.createObjectStore('deliveries', { keyPath: 'id' });
    deliveries.createIndex('byParent', 'parentId');
    db.createObjectStore('audiences', { keyPath: 'id' });
    db.createObjectStore('addressChunks');
    db.createObjectStore('addressBuckets');
    db.createObjectStore('stateChunks');
    db.createObjectStore('addressLists', { keyPath: 'address' });
  }
  if (oldVersion < 2) {
    db.createObjectStore('eventIds');
    db.createObjectStore('feedCursors', { keyPath: 'feed' });
  }
  if (oldVersion < 3) db.createObjectStore('dispatch');
  if (oldVersion < 4) db.createObjectStore('timeline');
}

export interface ConnectionOptions {
  /** How long an upgrade waits for other pages to close before giving up. */
  readonly blockedTimeoutMs?: number;
  /** Schema version to open; tests of the upgrade path set a later one. */
  readonly version?: number;
  /**
   * Open an existing database as it is, to read: never create it, never upgrade it, and refuse
   * a schema version this code does not know (a reader in someone else's page).
   */
  readonly readOnly?: boolean;
}

/** Opens the database at its current version, without creating or upgrading it. */
function openAsIs(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
  });
}

/** Names of this origin's databases that are sendkit stores (looked at, never created). */
export async function listSendkitStores(): Promise<string[]> {
  const names: string[] = [];
  for (const { name } of (await indexedDB.databases?.()) ?? []) {
    if (!name) continue;
    const db = await openAsIs(name);
    if (db && isSendkitDatabase(db.objectStoreNames)) names.push(name);
    db?.close();
  }
  return names;
}

/** Why the current version could not be opened: a newer sendkit, or someone else's database. */
async function versionProblem(name: string): Promise<Error> {
  const db = await openAsIs(name);
  const ours = db === null || isSendkitDatabase(db.objectStoreNames);
  db?.close();
  return ours ? new StoreVersionError() : new StoreNameTakenError(name);
}

export class Connection {
  private database: Promise<Database> | null = null;
  private outdated = false;

  constructor(
    readonly name: string,
    private readonly options: ConnectionOptions = {},
  ) {}

  get(): Promise<Database> {
    if (this.outdated) return Promise.reject(new StoreVersionError());
    this.database ??= this.open();
    return this.database;
  }

  /** True once another page opened a newer schema: every later call fails with StoreVersionError. */
  get isOutdated(): boolean {
    return this.outdated;
  }

  async close(): Promise<void> {
    const pending = this.database;
    this.database = null;
    if (pending) (await pending.catch(() => null))?.close();
  }

  private open(): Promise<Database> {
    return this.options.readOnly ? this.openToRead() : this.openToWrite();
  }

  private async openToRead(): Promise<Database> {
    const fail = (error: Error): never => {
      this.database = null;
      throw error;
    };
    // Opening a name that does not exist would create it in the page's origin: look first.
    const listed = await indexedDB.databases?.();
    if (listed && !listed.some((info) => info.name === this.name)) {
      return fail(new StoreMissingError(this.name));
    }
    let db: Database;
    try {
      db = await openDB<SendkitDB>(this.name, undefined, {
        upgrade: (_db, _oldVersion, _newVersion, transaction) => refuseUpgrade(transaction),
        blocking: (_current, newVersion) => {
          void this.database?.then((open) => open.close());
          this.database = null;
          if (newVersion !== null) this.outdated = true;
        },
        terminated: () => {
          this.database = null;
        },
      });
    } catch {
      return fail(new StoreMissingError(this.name));
    }
    if (db.version < OLDEST_READABLE_VERSION || db.version > SCHEMA_VERSION) {
      db.close();
      return fail(
        new StoreVersionError(
          `This sendkit store has schema version ${db.version}; this reader knows versions ${OLDEST_READABLE_VERSION} to ${SCHEMA_VERSION}.`,
        ),
      );
    }
    if (!isSendkitDatabase(db.objectStoreNames)) {
      db.close();
      return fail(new StoreNameTakenError(this.name));
    }
    return db;
  }

  private openToWrite(): Promise<Database> {
    const timeoutMs = this.options.blockedTimeoutMs ?? 10_000;
    let foreign = false;
    return new Promise<Database>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let gaveUp = false;
      const fail = (error: Error): void => {
        clearTimeout(timer);
        this.database = null;
        reject(error);
      };
      const opening = openDB<SendkitDB>(this.name, this.options.version ?? SCHEMA_VERSION, {
        upgrade: (db, oldVersion, _newVersion, transaction) => {
          // A database that exists but is not ours: abort before the ladder touches it.
          if (oldVersion > 0 && !isSendkitDatabase(db.objectStoreNames)) {
            foreign = true;
            refuseUpgrade(transaction);
            return;
          }
          upgrade(db, oldVersion);
        },
        blocked: () => {
          timer ??= setTimeout(() => {
            gaveUp = true;
            fail(new StoreBlockedError());
          }, timeoutMs);
        },
        blocking: (_current, newVersion) => {
          void opening.then((db) => db.close());
          this.database = null;
          // A deletion lets us reopen later; a newer schema means this code is out of date.
          if (newVersion !== null) this.outdated = true;
        },
        terminated: () => {
          this.database = null;
        },
      });
      opening.then(
        (db) => {
          clearTimeout(timer);
          if (gaveUp) {
            db.close();
          } else if (!isSendkitDatabase(db.objectStoreNames)) {
            db.close();
            fail(new StoreNameTakenError(this.name));
          } else {
            resolve(db);
          }
        },
        (error: unknown) => {
          if (foreign) fail(new StoreNameTakenError(this.name));
          else if (error instanceof DOMException && error.name === 'VersionError')
            void versionProblem(this.name).then(fail);
          else fail(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
