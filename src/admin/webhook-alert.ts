import type { AdminAlert } from '../orders/ports.js';
import type { WebhookRepair } from '../webex/webhook-watch.js';

const WHAT: Record<string, string> = {
  'all/all': 'messages (all/all)',
  'attachmentActions/created': 'card clicks (attachmentActions/created)',
};

const at = (date: Date) => `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

function line(repair: WebhookRepair): string {
  const what = WHAT[`${repair.resource}/${repair.event}`] ?? `${repair.resource}/${repair.event}`;
  const state = repair.action === 'reactivated' ? 'inactive (Webex had disabled it)' : 'missing';
  const since =
    repair.lastSeenActiveAt === undefined
      ? `noticed ${at(repair.noticedAt)}`
      : `last seen active ${at(repair.lastSeenActiveAt)}, noticed ${at(repair.noticedAt)}`;
  const done = repair.action === 'reactivated' ? 'set active again' : 'created again';
  return `- The webhook for ${what} was ${state}: ${since}; ${done}.`;
}

/**
 * The administrators' alert after the bot mended its webhooks: which, what was wrong, since when,
 * and what it means (messages in between may have had no answer). One alert per mending: its key
 * names the webhooks and when the trouble was noticed, so reporting it again sends it once.
 */
export function webhookRepairAlert(repairs: WebhookRepair[]): AdminAlert {
  const title = 'Webhooks mended';
  const lines = [
    ...repairs.map(line),
    'Webex posts nothing to a webhook that is inactive or missing: what people sent to the bot in that time may have had no answer, and they may need to send it again.',
  ];
  const text = `${title}: the bot was not receiving everything from Webex.\n${lines.join('\n')}`;
  const earliest = Math.min(...repairs.map((r) => r.noticedAt.getTime()));
  return {
    key: `webhooks-mended:${repairs.map((r) => r.webhookId).join(',')}:${new Date(earliest).toISOString()}`,
    kind: 'other',
    message: {
      text,
      markdown: `**${title}**: the bot was not receiving everything from Webex.\n\n${lines.join('\n')}`,
    },
  };
}
