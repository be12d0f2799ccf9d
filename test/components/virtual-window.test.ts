/** The virtualised log table's geometry, with and without a scaled scroll range. */
import { expect } from '@open-wc/testing';
import {
  MAX_SCROLL_PX,
  scrollTopFor,
  visibleWindow,
} from '../../components/sending-log-table/virtual-window.js';

describe('virtual window', () => {
  it('maps scroll positions to rows one to one below the height cap', () => {
    const geometry = { total: 1_000, rowHeight: 30, viewportHeight: 300 };
    expect(visibleWindow(geometry, 0)).to.deep.equal({
      first: 0,
      count: 11,
      top: 0,
      scrollHeight: 30_000,
    });
    expect(visibleWindow(geometry, 95).first).to.equal(3);
    expect(visibleWindow(geometry, scrollTopFor(geometry, 500)).first).to.equal(500);
    const end = visibleWindow(geometry, 30_000 - 300);
    expect(end.first + end.count).to.equal(1_000);
  });

  it('scales a million rows into the cap and shows the last row whole at the bottom', () => {
    const geometry = { total: 1_000_000, rowHeight: 34, viewportHeight: 340 };
    const start = visibleWindow(geometry, 0);
    expect(start.scrollHeight).to.equal(MAX_SCROLL_PX);
    expect([start.first, start.top]).to.deep.equal([0, 0]);
    const bottom = MAX_SCROLL_PX - 340;
    const end = visibleWindow(geometry, bottom);
    expect(end.first + end.count).to.equal(1_000_000);
    // The window's bottom edge is the viewport's bottom edge.
    expect(end.top + end.count * 34).to.equal(bottom + 340);
    expect(visibleWindow(geometry, scrollTopFor(geometry, 500_000)).first).to.be.within(
      499_999,
      500_001,
    );
  });
});
