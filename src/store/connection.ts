/**
 * The database connection: opened on demand, reopened after an abnormal close, and closed at
 * once when another page needs a newer version (so that page's upgrade never hangs on us).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { StoreBlockedError, StoreVersionError } from '../errors.js';
import type { SendkitDB } from './records.js';

export const SCHEMA_VERSION = 1;

export type Database = IDBPDatabase<SendkitDB>;

/** The migration ladder: one step per version, each run once. */
function upgrade(db: Database, oldVersion: number): void {
  if (oldVersion < 1) {
    const deliveries = db.createObjectStore('deliveries', { keyPath: 'id' });
    deliveries.createIndex('byParent', 'parentId');
    db.createObjectStore('audiences', { keyPath: 'id' });
    db.createObjectStore('addressChunks');
    db.createObjectStore('addressBuckets');
    db.createObjectStore('stateChunks');
    db.createObjectStore('addressLists', { keyPath: 'address' });
  }
}

export interface ConnectionOptions {
  /** How long an upgrade waits for other pages to close before giving up. */
  readonly blockedTimeoutMs?: number;
  /** Schema version to open; tests of the upgrade path set a later one. */
  readonly version?: number;
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

  async close(): Promise<void> {
    const pending = this.database;
    this.database = null;
    if (pending) (await pending.catch(() => null))?.close();
  }

  private open(): Promise<Database> {
    const timeoutMs = this.options.blockedTimeoutMs ?? 10_000;
    return new Promise<Database>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let gaveUp = false;
      const opening = openDB<SendkitDB>(this.name, this.options.version ?? SCHEMA_VERSION, {
        upgrade: (db, oldVersion) => upgrade(db, oldVersion),
        blocked: () => {
          timer ??= setTimeout(() => {
            gaveUp = true;
            this.database = null;
            reject(new StoreBlockedError());
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
          if (gaveUp) db.close();
          else resolve(db);
        },
        (error: unknown) => {
          clearTimeout(timer);
          this.database = null;
          reject(
            error instanceof DOMException && error.name === 'VersionError'
              ? new StoreVersionError()
              : error,
          );
        },
      );
    });
  }
}
