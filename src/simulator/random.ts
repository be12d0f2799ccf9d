/** Counter-based randomness: recipient i's story depends on (seed, i) only, never on call order. */

function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** A stream of uniforms in [0, 1) for one (seed, key) pair. */
export class RandomStream {
  private state: number;
  constructor(seed: number, key: number) {
    this.state = mix32(mix32(seed ^ 0x9e3779b9) ^ Math.imul(key + 1, 0x85ebca77));
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    return mix32(this.state) / 0x1_0000_0000;
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }
}
