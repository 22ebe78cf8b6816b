/**
 * Whether a held event may be answered 503 (Webex delivers it again, a second chance should this
 * process die) or must be answered 200 (the budget is spent: more refusals could make Webex
 * disable the webhook, which loses everything after it). Each call that answers true spends one
 * of `max` refusals within a sliding `windowMs`.
 */
export function createRefusalBudget(max: number, windowMs: number, now: () => Date): () => boolean {
  const refusedAt: number[] = [];
  return () => {
    const at = now().getTime();
    while ((refusedAt[0] ?? at) <= at - windowMs) refusedAt.shift();
    if (refusedAt.length >= max) return false;
    refusedAt.push(at);
    return true;
  };
}
