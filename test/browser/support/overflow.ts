import type { Locator } from 'playwright-core';

/** What the measurement reads of a DOM element (the tests' TypeScript has no DOM types). */
interface MeasuredElement {
  tagName: string;
  getBoundingClientRect(): { left: number; right: number };
  clientWidth: number;
  scrollWidth: number;
  textContent: string | null;
  classList: Iterable<string>;
  style: { width: string; maxWidth: string };
  querySelectorAll(selector: string): Iterable<MeasuredElement>;
  removeAttribute(name: string): void;
}

/** Something inside a card wider than its box: `what` names it, `text` is what it shows. */
export interface Overflow {
  card: number;
  what: string;
  text: string;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * Renders every card `width` px wide and lists what overflows horizontally: every element whose
 * content is wider than its box (a button whose title is cut, a text block), and every element,
 * inputs included, that reaches past the card's edges (a button pushed out of a row, a field
 * wider than the card). Inputs scroll their own text, so only their box is measured.
 */
export async function cardOverflows(cards: Locator, width: number | null): Promise<Overflow[]> {
  return cards.evaluateAll((elements: MeasuredElement[], cardWidth: number | null) => {
    const found: Overflow[] = [];
    elements.forEach((card, index) => {
      // null: the width the page itself gives the card.
      if (cardWidth !== null) {
        card.style.width = `${cardWidth}px`;
        card.style.maxWidth = 'none';
      }
      const inside = [card, ...card.querySelectorAll('*')];
      const edge = card.getBoundingClientRect();
      for (const element of inside) {
        if (element.clientWidth === 0) continue;
        const box = element.getBoundingClientRect();
        if (box.right > edge.right + 1 || box.left < edge.left - 1)
          found.push({
            card: index + 1,
            what: `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} past the card's edge`,
            text: (element.textContent ?? '').replace(/\s+/g, ' ').slice(0, 80),
            scrollWidth: Math.round(box.right - box.left),
            clientWidth: Math.round(edge.right - edge.left),
          });
        if (['INPUT', 'SELECT', 'TEXTAREA', 'OPTION'].includes(element.tagName)) continue;
        if (element.scrollWidth > element.clientWidth + 1)
          found.push({
            card: index + 1,
            what: `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`,
            text: (element.textContent ?? '').replace(/\s+/g, ' ').slice(0, 80),
            scrollWidth: element.scrollWidth,
            clientWidth: element.clientWidth,
          });
      }
    });
    return found;
  }, width);
}

/** Puts the cards back to the page's own width. */
export async function resetCardWidths(cards: Locator): Promise<void> {
  await cards.evaluateAll((elements: MeasuredElement[]) => {
    for (const card of elements) card.removeAttribute('style');
  });
}
