/**
 * The file log's id, chosen at random when the log is created and kept in `log-id` beside its
 * segments: readers get it with every stream, so a position from another log is noticed.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOG_ID_FILE = 'log-id';

/** A log id that is not one: the relay does not start (its readers could not tell logs apart). */
export class LogIdError extends Error {
  override readonly name = 'LogIdError';
}

/** The log's id: chosen when the log is created, kept beside its segments. */
export async function logId(dir: string): Promise<string> {
  const path = join(dir, LOG_ID_FILE);
  try {
    const id = (await readFile(path, 'utf8')).trim();
    if (/^[\w-]{8,64}$/.test(id)) return id;
    throw new LogIdError(`${path}: not a log id`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const id = randomBytes(12).toString('base64url');
  await writeFile(path, `${id}\n`, { flag: 'wx' });
  return id;
}
