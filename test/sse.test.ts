/** The Server-Sent Events parser connectFeedback reads relays with: pieces of any size, any line end. */
import { expect } from '@open-wc/testing';
import { SseParser, type SseMessage } from '../src/feedback/sse.js';

function parse(pieces: readonly string[]): { messages: SseMessage[]; retries: number[] } {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const parser = new SseParser(
    (message) => messages.push(message),
    (ms) => retries.push(ms),
  );
  for (const piece of pieces) parser.push(piece);
  return { messages, retries };
}

const STREAM =
  'retry: 2000\r\n\r\n: keep-alive\n\nevent: head\ndata: {"seq":2}\n\nid: 1\ndata: {"a":1}\n\nid: 2\rdata: line one\r\ndata: line two\n\ndata: no id\n\n';

describe('SseParser', () => {
  const expected: SseMessage[] = [
    { event: 'head', data: '{"seq":2}', id: '' },
    { event: 'message', data: '{"a":1}', id: '1' },
    { event: 'message', data: 'line one\nline two', id: '2' },
    { event: 'message', data: 'no id', id: '2' },
  ];

  it('reads events, ids (carried over), multi-line data, comments and retry', () => {
    const { messages, retries } = parse([STREAM]);
    expect(messages).to.deep.equal(expected);
    expect(retries).to.deep.equal([2000]);
  });

  it('gives the same messages however the stream is cut, also between \\r and \\n', () => {
    for (let size = 1; size < 12; size++) {
      const pieces: string[] = [];
      for (let at = 0; at < STREAM.length; at += size) pieces.push(STREAM.slice(at, at + size));
      expect(parse(pieces).messages, `pieces of ${size}`).to.deep.equal(expected);
    }
  });

  it('keeps an event without its blank line until it comes', () => {
    expect(parse(['data: half']).messages).to.deep.equal([]);
    expect(parse(['data: half', '\n\n']).messages).to.deep.equal([
      { event: 'message', data: 'half', id: '' },
    ]);
  });
});
