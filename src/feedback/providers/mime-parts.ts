/**
 * The parts of a MIME mail, as a delivery status notification needs them (RFC 2045/2046): the
 * top-level Date, and every leaf part with its type and decoded bytes (base64, quoted-printable
 * or as is). A `message/rfc822` part is a leaf: a DSN returns the original message's headers
 * there. Written for the kit rather than taken from a mail library: the one it used (postal-mime)
 * assembles each part through a Blob, a round trip to the browser process per part in Chromium,
 * and was only fast by replacing `globalThis.Blob` during a parse, which two parses at once in one
 * worker got wrong. This reads the bytes once and changes nothing outside itself.
 */

export interface MailPart {
  /** Lower-case `type/subtype`. */
  readonly mimeType: string;
  readonly content: Uint8Array;
}

export interface MimeMail {
  /** The top-level Date and Message-ID headers, as written. */
  readonly date: string | null;
  readonly messageId: string | null;
  readonly parts: readonly MailPart[];
}

/** Multipart nesting deeper than this is refused: no real DSN needs it. */
const MAX_DEPTH = 16;

export class MimeError extends Error {
  override readonly name = 'MimeError';
}

export function parseMimeParts(raw: string | ArrayBuffer | Uint8Array): MimeMail {
  const bytes =
    typeof raw === 'string'
      ? new TextEncoder().encode(raw)
      : raw instanceof Uint8Array
        ? raw
        : new Uint8Array(raw);
  const parts: MailPart[] = [];
  const headers = readEntity(binaryOf(bytes), 0, parts);
  if (headers.size === 0) throw new MimeError('no headers');
  return { date: headers.get('date') ?? null, messageId: headers.get('message-id') ?? null, parts };
}

/** Bytes as a string of one char per byte (0–255), so offsets stay byte offsets. */
function binaryOf(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return text;
}

function bytesOf(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at) & 0xff;
  return bytes;
}

/** Reads one entity (headers, then body): a multipart's children, or one leaf part. */
function readEntity(source: string, depth: number, parts: MailPart[]): Map<string, string> {
  if (depth > MAX_DEPTH) throw new MimeError('nested too deeply');
  const split = /\r?\n\r?\n/.exec(source);
  const head = split ? source.slice(0, split.index) : source;
  const body = split ? source.slice(split.index + split[0].length) : '';
  const headers = readHeaders(head);
  const [mimeType, params] = contentTypeOf(headers.get('content-type'));
  const boundary = params.get('boundary');
  if (mimeType.startsWith('multipart/') && boundary) {
    for (const child of childrenOf(body, boundary)) readEntity(child, depth + 1, parts);
  } else {
    const encoding = (headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
    parts.push({ mimeType, content: decodeBody(body, encoding) });
  }
  return headers;
}

/** Header fields by lower-case name (the first of each), continuation lines unfolded. */
function readHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  let name = '';
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name) {
      headers.set(name, `${headers.get(name)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      name = '';
      continue;
    }
    name = line.slice(0, colon).trim().toLowerCase();
    if (headers.has(name)) name = '';
    else headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** `multipart/report; boundary="b1"` → ['multipart/report', { boundary: 'b1' }]. */
function contentTypeOf(field: string | undefined): [string, Map<string, string>] {
  const [type = '', ...rest] = (field ?? 'text/plain').split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const equals = param.indexOf('=');
    if (equals <= 0) continue;
    const value = param.slice(equals + 1).trim();
    params.set(
      param.slice(0, equals).trim().toLowerCase(),
      value.startsWith('"') && value.endsWith('"') && value.length >= 2
        ? value.slice(1, -1)
        : value,
    );
  }
  return [type.trim().toLowerCase() || 'text/plain', params];
}

/** The bodies between `--boundary` lines, up to `--boundary--`. */
function childrenOf(body: string, boundary: string): string[] {
  const children: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) break;
    if (trimmed === `--${boundary}`) {
      if (current) children.push(current.join('\r\n'));
      current = [];
    } else {
      current?.push(line);
    }
  }
  if (current) children.push(current.join('\r\n'));
  return children;
}

function decodeBody(body: string, encoding: string): Uint8Array {
  if (encoding === 'base64') {
    const clean = body.replace(/[^A-Za-z0-9+/]/g, '');
    try {
      return bytesOf(atob(clean.slice(0, clean.length - (clean.length % 4))));
    } catch {
      throw new MimeError('bad base64');
    }
  }
  if (encoding === 'quoted-printable') {
    return bytesOf(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
  }
  return bytesOf(body);
}
