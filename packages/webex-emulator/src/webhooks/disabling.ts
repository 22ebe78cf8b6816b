/**
 * Webex's rule for webhooks that fail (its webhooks guide, "Disabled Webhooks"): a webhook whose
 * deliveries fail (target unreachable, or an answer other than 2xx) `failures` times within
 * `windowMs` becomes `inactive`, and stays so until its owner sets it `active` again; a webhook
 * set active again within `windowMs` of being disabled is disabled again by its next failure.
 */
export interface DisablingRule {
  /** Failed deliveries within the window that disable a webhook (Webex: 100). */
  failures: number;
  /** The window (Webex: five minutes). */
  windowMs: number;
}

export const WEBEX_DISABLING_RULE: DisablingRule = { failures: 100, windowMs: 5 * 60_000 };

/** Where one webhook stands with the rule, as the admin API shows it. */
export interface DisablingView {
  /** Failed deliveries within the window now. */
  recentFailures: number;
  /** When the emulator last disabled it, ISO 8601. */
  disabledAt?: string;
  /** Times the emulator disabled it. */
  disabled: number;
  /** Re-enabled within the window of being disabled: its next failure disables it again. */
  onProbation: boolean;
}

interface Track {
  failedAt: number[];
  disabledAt?: number;
  disabled: number;
  onProbation: boolean;
}

/** Counts failures per webhook and says when one must be disabled; `clock` gives epoch ms. */
export function createDisablingTracker(rule: DisablingRule, clock: () => number) {
  const tracks = new Map<string, Track>();
  const trackOf = (webhookId: string): Track => {
    let track = tracks.get(webhookId);
    if (track === undefined) {
      track = { failedAt: [], disabled: 0, onProbation: false };
      tracks.set(webhookId, track);
    }
    return track;
  };
  const prune = (track: Track, now: number) => {
    const from = now - rule.windowMs;
    while ((track.failedAt[0] ?? Number.POSITIVE_INFINITY) <= from) track.failedAt.shift();
  };

  return {
    /**
     * One failed delivery of an active webhook. True when it must now be disabled; the tracker
     * then counts it as disabled (its failures start again from zero).
     */
    failed(webhookId: string): boolean {
      const track = trackOf(webhookId);
      const now = clock();
      prune(track, now);
      track.failedAt.push(now);
      if (!track.onProbation && track.failedAt.length < rule.failures) return false;
      track.failedAt = [];
      track.onProbation = false;
      track.disabledAt = now;
      track.disabled += 1;
      return true;
    },
    /** Its owner set it active again. */
    reenabled(webhookId: string): void {
      const track = trackOf(webhookId);
      track.onProbation = track.disabledAt !== undefined && clock() - track.disabledAt < rule.windowMs;
      track.failedAt = [];
    },
    forget(webhookId: string): void {
      tracks.delete(webhookId);
    },
    view(webhookId: string): DisablingView {
      const track = trackOf(webhookId);
      prune(track, clock());
      return {
        recentFailures: track.failedAt.length,
        ...(track.disabledAt === undefined ? {} : { disabledAt: new Date(track.disabledAt).toISOString() }),
        disabled: track.disabled,
        onProbation: track.onProbation,
      };
    },
  };
}

export type DisablingTracker = ReturnType<typeof createDisablingTracker>;
