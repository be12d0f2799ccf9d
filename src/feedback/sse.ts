/**
 * An incremental Server-Sent Events parser (the WHATWG "event stream" interpretation): text in,
 * in pieces of any size; messages out. Used with `fetch`, which, unlike `EventSource`, can send
 * the relay's token in a header.
 */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
  /** The last id the stream set, as the spec carries it over. */
  readonly id: string;
}

export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private lastId = '';
  /** A `\r` ended the last piece: a `\n` starting the next belongs to it. */
  private pendingCr = false;

  constructor(
    private readonly onMessage: (message: SseMessage) => void,
    /** The stream's `retry:` field: how long to wait before reconnecting, in ms. */
    private readonly onRetry: (ms: number) => void = () => undefined,
  ) {}

  push(text: string): void {
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = text.endsWith('\r');
    this.buffer += text;
    let start = 0;
    for (;;) {
      const end = this.lineEnd(start);
      if (end < 0) break;
      this.line(this.buffer.slice(start, end));
      start = end + (this.buffer[end] === '\r' && this.buffer[end + 1] === '\n' ? 2 : 1);
    }
    this.buffer = this.buffer.slice(start);
  }

  private lineEnd(from: number): number {
    for (let index = from; index < this.buffer.length; index++) {
      const char = this.buffer.charCodeAt(index);
      if (char === 10 || char === 13) return index;
    }
    return -1;
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    else if (field === 'retry' && /^\d{1,9}$/.test(value)) this.onRetry(Number(value));
  }

  private dispatch(): void {
    if (this.data.length > 0) {
      this.onMessage({
        event: this.event || 'message',
        data: this.data.join('\n'),
        id: this.lastId,
      });
    }
    this.event = '';
    this.data = [];
  }
}
