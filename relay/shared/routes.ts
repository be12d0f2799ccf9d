/**
 * The routes of shared deliveries. Each user is identified by the credential the portal's backend
 * signed (verify/credential.ts), never by what a page says:
 * - `POST /actions` `{ action, delivery?, input?, contactDate? }`: create, prepare, confirm,
 *   pause, resume, stop, reschedule, delete, compute-stats; answers `{ seq, delivery }` once the
 *   fact is in the log (a page waits until its replica has folded `seq`), or the refusal as the
 *   kit's error data: 403 permission, 409 state, 404 not found, 400 input, 401 credential.
 * - `POST /lists`: an address list (a JSON array of strings) to create deliveries with, by a user
 *   who may create them; answers `{ hash, count }`, the list's SHA-256 naming it from then on.
 *   `GET /lists/<sha256>`: a kept list, for replicas.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PermissionError, SendkitError, type User } from '../../src/index.js';
import { errorToData } from '../../src/remote/index.js';
import { rolesAllow } from '../../src/rules/index.js';
import { BodyTooLarge, readBody, sendJson, sendText } from '../http.js';
import type { CredentialReading } from '../verify/credential.js';
import type { SharedDeliveries } from './shared-deliveries.js';

const MAX_ACTION_BYTES = 64 * 1024;

/** What the routes need from the relay around them. */
export interface SharedContext {
  readonly shared: SharedDeliveries;
  readonly maxListBytes: number;
  /** The request's credential, verified (or why not). */
  credential(request: IncomingMessage): CredentialReading;
  /** Whether the request carries the readers' token or a valid credential. */
  reader(request: IncomingMessage): boolean;
}

const STATUS_OF: Readonly<Record<string, number>> = {
  permission: 403,
  state: 409,
  'not-found': 404,
  'invalid-input': 400,
};

/** A refusal as the kit's error data, with its HTTP status. */
function sendError(response: ServerResponse, error: unknown): void {
  if (!(error instanceof SendkitError)) throw error;
  sendJson(response, STATUS_OF[error.code] ?? 500, { error: errorToData(error) });
}

function refuseCredential(response: ServerResponse, reason: string): void {
  sendJson(
    response,
    401,
    { error: { code: 'credential', name: 'CredentialError', message: reason, fields: {} } },
    { 'WWW-Authenticate': 'Bearer' },
  );
}

async function body(request: IncomingMessage, limit: number, response: ServerResponse) {
  try {
    return await readBody(request, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    sendJson(response, 413, { error: `larger than ${limit} bytes` }, { Connection: 'close' });
    return null;
  }
}

/** `POST /actions`. */
export async function handleAction(
  context: SharedContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const credential = context.credential(request);
  if (!credential.ok) return refuseCredential(response, credential.reason);
  const bytes = await body(request, MAX_ACTION_BYTES, response);
  if (!bytes) return;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return sendJson(response, 400, {
      error: {
        code: 'invalid-input',
        name: 'InputError',
        message: 'the body is not JSON',
        fields: {},
      },
    });
  }
  try {
    sendJson(response, 200, await context.shared.act(credential.user, value));
  } catch (error) {
    sendError(response, error);
  }
}

/** `POST /lists` and `GET /lists/<hash>`. */
export async function handleList(
  context: SharedContext,
  hash: string | null,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    if (hash !== null) {
      if (!context.reader(request))
        return refuseCredential(response, 'a reader token or credential is needed');
      const bytes = await context.shared.getList(hash);
      return sendText(response, 200, bytes.toString('utf8'), 'application/json', {
        'Cache-Control': 'private, max-age=31536000, immutable',
      });
    }
    const credential = context.credential(request);
    if (!credential.ok) return refuseCredential(response, credential.reason);
    mayCreate(credential.user);
    const bytes = await body(request, context.maxListBytes, response);
    if (!bytes) return;
    sendJson(response, 200, await context.shared.putList(bytes));
  } catch (error) {
    sendError(response, error);
  }
}

/** Only a user who may create deliveries may keep a list on the relay. */
function mayCreate(user: User): void {
  if (!rolesAllow('create', user.roles)) throw new PermissionError('create', user.name);
}
