/**
 * The extension's sender guards, with fabricated senders: each accepts exactly its own sender,
 * and every other combination of the fields a sender may carry (or lack) is refused.
 */
import { expect } from '@open-wc/testing';
import {
  fromBackground,
  fromExtensionPage,
  fromOwnContentScript,
  originMatches,
  requireSender,
  SenderRefusedError,
  type Sender,
  type Self,
} from '../../extension/shared/guards.js';

const self: Self = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
};
const GRANTED = ['https://portal.example.com/*', 'http://127.0.0.1/*'];

const sidePanel: Sender = {
  id: self.id,
  origin: self.origin,
  url: `${self.origin}/sidepanel.html`,
  frameId: 0,
};
const sidePanelInATab: Sender = { ...sidePanel, tab: { id: 7 } };
const background: Sender = { id: self.id, url: `${self.origin}/background.js` };
const contentScript: Sender = {
  id: self.id,
  origin: 'https://portal.example.com',
  url: 'https://portal.example.com/app/deliveries',
  frameId: 0,
  tab: { id: 3 },
};

/** Every way of changing one field of a sender: another value, or the field missing. */
function variants(sender: Sender): Sender[] {
  const others: Record<keyof Sender, unknown[]> = {
    id: ['zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', '', undefined],
    origin: [
      'https://evil.example',
      'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
      'null',
      undefined,
    ],
    url: [
      'https://evil.example/sidepanel.html',
      `${self.origin}/other.html`,
      'not a url',
      undefined,
    ],
    frameId: [1, 2, undefined],
    tab: [{}, undefined],
  };
  const out: Sender[] = [];
  for (const key of Object.keys(others) as (keyof Sender)[]) {
    for (const value of others[key]) {
      if (value === sender[key]) continue;
      const copy: Record<string, unknown> = { ...sender };
      if (value === undefined) delete copy[key];
      else copy[key] = value;
      out.push(copy as Sender);
    }
  }
  return out;
}

describe('sender guards', () => {
  it('the side panel is accepted as an extension page, in the panel or opened as a tab', () => {
    expect(fromExtensionPage(sidePanel, self)).to.equal(true);
    expect(fromExtensionPage(sidePanelInATab, self)).to.equal(true);
    expect(fromExtensionPage(background, self)).to.equal(false);
    expect(fromExtensionPage(contentScript, self)).to.equal(false);
  });

  it('the background is accepted only as itself, without a tab', () => {
    expect(fromBackground(background, self)).to.equal(true);
    expect(
      fromBackground(
        { ...background, url: `${self.origin}/_generated_background_page.html` },
        self,
      ),
    ).to.equal(true);
    expect(fromBackground(sidePanel, self)).to.equal(false);
    expect(fromBackground({ ...background, tab: { id: 1 } }, self)).to.equal(false);
    expect(fromBackground(contentScript, self)).to.equal(false);
  });

  it('a content script only from the top frame of a tab on a granted site', () => {
    expect(fromOwnContentScript(contentScript, self, GRANTED)).to.equal(true);
    expect(
      fromOwnContentScript(
        { ...contentScript, origin: 'http://127.0.0.1:5173', url: 'http://127.0.0.1:5173/x' },
        self,
        GRANTED,
      ),
    ).to.equal(true);
    expect(fromOwnContentScript(contentScript, self, [])).to.equal(false);
    expect(fromOwnContentScript(sidePanelInATab, self, [...GRANTED, 'https://*/*'])).to.equal(
      false,
    );
    // The URL must be of the sender's own origin.
    expect(
      fromOwnContentScript({ ...contentScript, url: 'https://other.example/' }, self, GRANTED),
    ).to.equal(false);
  });

  it('every sender that differs from an accepted one in a field that matters is refused', () => {
    // What each guard does not look at: an extension page's frame and tab (a side panel opened
    // as a tab has one), the worker's frame; and an origin may be missing (Chrome omits the
    // worker's) or be the extension's own.
    const cases: [Sender, (sender: Sender) => boolean, readonly (keyof Sender)[]][] = [
      [sidePanel, (sender) => fromExtensionPage(sender, self), ['frameId', 'tab']],
      [background, (sender) => fromBackground(sender, self), ['frameId']],
      [contentScript, (sender) => fromOwnContentScript(sender, self, GRANTED), []],
    ];
    for (const [accepted, guard, ignored] of cases) {
      for (const sender of variants(accepted)) {
        const changed = (Object.keys({ ...accepted, ...sender }) as (keyof Sender)[]).find(
          (key) => sender[key] !== accepted[key],
        )!;
        const ownOrigin =
          changed === 'origin' &&
          accepted !== contentScript &&
          (sender.origin === undefined || sender.origin === self.origin);
        expect(guard(sender), JSON.stringify(sender)).to.equal(
          ignored.includes(changed) || ownOrigin,
        );
      }
    }
  });

  it('match patterns: scheme, host (with subdomains for *.), any port', () => {
    expect(originMatches('https://portal.example.com', 'https://*/*')).to.equal(true);
    expect(originMatches('http://portal.example.com', 'https://*/*')).to.equal(false);
    expect(originMatches('http://localhost:8080', 'http://localhost/*')).to.equal(true);
    expect(originMatches('https://a.example.com', 'https://*.example.com/*')).to.equal(true);
    expect(originMatches('https://example.com', 'https://*.example.com/*')).to.equal(true);
    expect(originMatches('https://badexample.com', 'https://*.example.com/*')).to.equal(false);
    expect(originMatches('https://example.com.evil.net', 'https://example.com/*')).to.equal(false);
    expect(originMatches('not an origin', 'https://*/*')).to.equal(false);
    expect(originMatches('https://example.com', '<all_urls>')).to.equal(false);
  });

  it('refusals are typed', () => {
    expect(() => requireSender(false, 'portal.read')).to.throw(SenderRefusedError, /portal\.read/);
    expect(() => requireSender(true, 'portal.read')).not.to.throw();
  });
});
