import type { Page } from 'playwright-core';

/** One value under "Stored by the bot" in the orders panel, as laid out. */
export interface StoredValue {
  name: string;
  text: string;
  width: number;
  lines: number;
  /** Characters per line when it wraps (its length when it does not). */
  charsPerLine: number;
}

/** What the measurement reads of a DOM element (the tests' TypeScript has no DOM types). */
interface Measured {
  textContent: string | null;
  previousElementSibling: Measured | null;
  getBoundingClientRect(): { width: number; height: number };
}

/** The orders panel's width and each stored value's box: how wide, on how many lines. */
export async function storedAnswers(page: Page): Promise<{ panelWidth: number; values: StoredValue[] }> {
  const panel = await page.locator('.orders-panel').boundingBox();
  await page.locator('.orders-panel .stored dd').first().waitFor();
  const values = await page.locator('.orders-panel .stored dd').evaluateAll((elements: Measured[]) => {
    const style = (element: Measured) =>
      (globalThis as unknown as { getComputedStyle(e: Measured): { lineHeight: string } }).getComputedStyle(
        element,
      );
    return elements.map((dd) => {
      const text = (dd.textContent ?? '').trim();
      const box = dd.getBoundingClientRect();
      const lines = Math.max(1, Math.round(box.height / Number.parseFloat(style(dd).lineHeight)));
      return {
        name: (dd.previousElementSibling?.textContent ?? '').trim(),
        text,
        width: Math.round(box.width),
        lines,
        charsPerLine: lines === 1 ? Math.max(text.length, 12) : Math.round(text.length / lines),
      };
    });
  });
  return { panelWidth: Math.round(panel?.width ?? 0), values };
}
