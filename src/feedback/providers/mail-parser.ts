/**
 * postal-mime, made fast where it is slow. postal-mime assembles every MIME part through a Blob
 * (`new Blob(chunks).arrayBuffer()`); in Chromium each of those is a round trip to the browser
 * process, about 0.5 ms, so a five-part bounce mail takes 2.7 ms instead of 0.15 ms (measured:
 * 2,000 DSNs in 7.7 s against 0.26 s). In a worker, where no other code of the page can see it,
 * the parse runs with an in-memory Blob of the same API; on a page's main thread (where another
 * script might create a Blob meanwhile) and in Node (whose Blob is in-process), with the real one.
 */
import PostalMime, { type Email, type PostalMimeOptions } from 'postal-mime';

/** What postal-mime uses of a Blob: bytes in, bytes out. */
class InMemoryBlob {
  readonly type: string;
  private readonly bytes: Uint8Array;

  constructor(
    parts: readonly (string | ArrayBuffer | ArrayBufferView)[] = [],
    options: BlobPropertyBag = {},
  ) {
    const encoder = new TextEncoder();
    const chunks = parts.map((part) =>
      typeof part === 'string'
        ? encoder.encode(part)
        : ArrayBuffer.isView(part)
          ? new Uint8Array(part.buffer, part.byteOffset, part.byteLength)
          : new Uint8Array(part),
    );
    this.bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      this.bytes.set(chunk, at);
      at += chunk.length;
    }
    this.type = options.type ?? '';
  }

  get size(): number {
    return this.bytes.length;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.bytes.slice().buffer);
  }

  text(): Promise<string> {
    return Promise.resolve(new TextDecoder().decode(this.bytes));
  }
}

declare const WorkerGlobalScope: { new (): unknown } | undefined;

function inWorker(): boolean {
  return typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope;
}

export async function parseMail(
  raw: string | ArrayBuffer | Uint8Array,
  options: PostalMimeOptions,
): Promise<Email> {
  if (!inWorker()) return PostalMime.parse(raw, options);
  const real = globalThis.Blob;
  globalThis.Blob = InMemoryBlob as unknown as typeof Blob;
  try {
    return await PostalMime.parse(raw, options);
  } finally {
    globalThis.Blob = real;
  }
}
