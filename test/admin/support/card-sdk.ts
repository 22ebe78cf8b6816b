import * as AdaptiveCards from 'adaptivecards';
import type { AdminCard } from '../../../cards/admin/admin-card.types.js';

/**
 * What the Adaptive Cards SDK reports when it parses a card as a 1.3 host would: unknown or
 * too-new elements and actions, invalid widths, and property validation failures.
 */
export function sdkIssues(card: AdminCard): string[] {
  const parsed = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_3);
  parsed.parse(JSON.parse(JSON.stringify(card)), context);
  const issues: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) issues.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) issues.push(event.message);
  return issues;
}

/** Every value of `type` anywhere in a card: what elements and actions it uses. */
export function typesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) typesIn(item, out);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      if (key === 'type' && typeof item === 'string') out.add(item);
      else typesIn(item, out);
    }
  return out;
}

const TEXT_KEYS = ['text', 'title', 'value', 'label'];

/** All texts of a card's TextBlocks and FactSets, joined, to check what a card says. */
export function cardText(value: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null)
      for (const [key, item] of Object.entries(node)) {
        if (TEXT_KEYS.includes(key) && typeof item === 'string') out.push(item);
        else walk(item);
      }
  };
  walk(value);
  return out.join('\n');
}
