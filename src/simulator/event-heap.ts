/**
 * A min-heap of scheduled feedback events in typed arrays: a million recipients' stories cost a
 * few bytes each, not an object each. Ties break on recipient then type, so order is stable.
 */
export interface ScheduledEvent {
  readonly at: number;
  readonly recipient: number;
  readonly type: number;
  readonly reason: number;
}

export class EventHeap {
  private times = new Float64Array(1024);
  private recipients = new Uint32Array(1024);
  private codes = new Uint16Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  peekTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
  }

  push(event: ScheduledEvent): void {
    if (this.count === this.times.length) this.grow();
    let index = this.count++;
    this.write(index, event.at, event.recipient, (event.type << 8) | event.reason);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(index, parent)) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  pop(): ScheduledEvent {
    const code = this.codes[0]!;
    const event = {
      at: this.times[0]!,
      recipient: this.recipients[0]!,
      type: code >> 8,
      reason: code & 0xff,
    };
    const last = --this.count;
    this.write(0, this.times[last]!, this.recipients[last]!, this.codes[last]!);
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.count && this.less(left, smallest)) smallest = left;
      if (right < this.count && this.less(right, smallest)) smallest = right;
      if (smallest === index) break;
      this.swap(index, smallest);
      index = smallest;
    }
    return event;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    if (ta !== tb) return ta < tb;
    const ra = this.recipients[a]!;
    const rb = this.recipients[b]!;
    return ra !== rb ? ra < rb : this.codes[a]! < this.codes[b]!;
  }

  private write(index: number, at: number, recipient: number, code: number): void {
    this.times[index] = at;
    this.recipients[index] = recipient;
    this.codes[index] = code;
  }

  private swap(a: number, b: number): void {
    const at = this.times[a]!;
    const recipient = this.recipients[a]!;
    const code = this.codes[a]!;
    this.write(a, this.times[b]!, this.recipients[b]!, this.codes[b]!);
    this.write(b, at, recipient, code);
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    const recipients = new Uint32Array(size);
    recipients.set(this.recipients);
    const codes = new Uint16Array(size);
    codes.set(this.codes);
    this.times = times;
    this.recipients = recipients;
    this.codes = codes;
  }
}
