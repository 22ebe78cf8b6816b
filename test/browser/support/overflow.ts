import type { Locator } from 'playwright-core';

/** What the measurement reads of a DOM element (the tests' TypeScript has no DOM types). */
interface MeasuredElement {
  tagName: string;
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
 * Renders every card `width` px wide and lists what overflows horizontally: the card itself,
 * an action row, a button whose title is cut, a text block. Inputs scroll their own text, so
 * they are left out.
 */
export async function cardOverflows(cards: Locator, width: number): Promise<Overflow[]> {
  return cards.evaluateAll((elements: MeasuredElement[], cardWidth: number) => {
    const found: Overflow[] = [];
    elements.forEach((card, index) => {
      card.style.width = `${cardWidth}px`;
      card.style.maxWidth = 'none';
      const inside = [card, ...card.querySelectorAll('*')];
      for (const element of inside) {
        if (['INPUT', 'SELECT', 'TEXTAREA', 'OPTION'].includes(element.tagName)) continue;
        if (element.clientWidth === 0) continue;
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
