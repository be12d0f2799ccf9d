/**
 * Address lists of shared deliveries, stored once by the SHA-256 of their bytes (a JSON array of
 * strings): beside the file log, a folder; beside JetStream, an object store every relay of the
 * stream reads. A list is checked before it is kept, and never changes once kept (its name is
 * its content).
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { Objm, StorageType, type ObjectStore } from '@nats-io/obj';

export interface ListStore {
  /** The list's bytes, or null when none of that hash is kept. */
  get(hash: string): Promise<Buffer | null>;
  /** Keeps the bytes (already checked to hash to `hash`) durably; a second put changes nothing. */
  put(hash: string, bytes: Buffer): Promise<void>;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Lists as files in `<data>/lists`, written whole (a temporary file, fsynced, then renamed). */
export class FileListStore implements ListStore {
  private constructor(private readonly dir: string) {}

  static async open(dataDir: string): Promise<FileListStore> {
    const dir = join(dataDir, 'lists');
    await mkdir(dir, { recursive: true });
    return new FileListStore(dir);
  }

  async get(hash: string): Promise<Buffer | null> {
    return readFile(join(this.dir, `${hash}.json`)).catch(() => null);
  }

  async put(hash: string, bytes: Buffer): Promise<void> {
    if ((await this.get(hash)) !== null) return;
    const temporary = join(this.dir, `${hash}.${process.pid}.tmp`);
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(bytes);
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, join(this.dir, `${hash}.json`));
  }
}

/** Lists in a JetStream object store (bucket `sendkit-lists`, file storage). */
export class NatsListStore implements ListStore {
  private constructor(private readonly store: ObjectStore) {}

  static async open(connection: NatsConnection): Promise<NatsListStore> {
    const store = await new Objm(connection).create('sendkit-lists', {
      storage: StorageType.File,
    });
    return new NatsListStore(store);
  }

  async get(hash: string): Promise<Buffer | null> {
    const bytes = await this.store.getBlob(hash);
    return bytes ? Buffer.from(bytes) : null;
  }

  async put(hash: string, bytes: Buffer): Promise<void> {
    if (await this.store.info(hash)) return;
    await this.store.putBlob({ name: hash }, bytes);
  }
}
