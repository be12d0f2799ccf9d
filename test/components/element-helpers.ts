/** Fails a test when Lit (in dev mode) warned during it: the dev-mode banner aside. */
import { expect } from '@open-wc/testing';

export function watchLitWarnings(): { expectNone(): void } {
  const seen: string[] = [];
  const original = console.warn;
  beforeEach(() => {
    seen.length = 0;
    console.warn = (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (!text.includes('Lit is in dev mode')) seen.push(text);
      original.apply(console, args);
    };
  });
  afterEach(() => {
    console.warn = original;
  });
  return {
    expectNone() {
      expect(seen, 'Lit warnings').to.deep.equal([]);
    },
  };
}

/** The next event of that name, typed from GlobalEventHandlersEventMap. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  name: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) =>
    target.addEventListener(name, (event) => resolve(event as GlobalEventHandlersEventMap[K]), {
      once: true,
    }),
  );
}

/** The text of the file a click downloads (through URL.createObjectURL, as the elements save). */
export async function downloadedText(click: () => void): Promise<string> {
  const files: Blob[] = [];
  const original = URL.createObjectURL;
  URL.createObjectURL = (file: Blob | MediaSource) => {
    files.push(file as Blob);
    return original.call(URL, file);
  };
  try {
    click();
  } finally {
    URL.createObjectURL = original;
  }
  if (files.length !== 1) throw new Error(`${files.length} files were downloaded, not one`);
  return files[0]!.text();
}
