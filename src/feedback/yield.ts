/**
 * Lets the browser breathe during long work, without slowing short work down: yields at most
 * every SLICE_MS. (A setTimeout(0) after every batch would cost 4 ms each once timers nest: ten
 * thousand small files would wait 40 s.) A MessageChannel round trip is not clamped.
 */
const SLICE_MS = 16;

export class Breather {
  private last = performance.now();

  async breathe(): Promise<void> {
    if (performance.now() - this.last < SLICE_MS) return;
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
    this.last = performance.now();
  }
}
