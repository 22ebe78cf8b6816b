import type { Locale } from '../../flows/order-setup.schemas.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { paragraph } from '../card-kit.js';
import type { MessageKey } from '../i18n/en.js';
import { type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText } from './notice-kit.js';

/** The commands list; administrators also see theirs. */
export interface HelpModel {
  isAdmin: boolean;
}

const USER_COMMANDS: MessageKey[] = [
  'help.cmd.help',
  'help.cmd.resume',
  'help.cmd.restart',
  'help.cmd.status',
];
const ADMIN_COMMANDS: MessageKey[] = [
  'help.cmd.adminStatus',
  'help.cmd.adminOrders',
  'help.cmd.adminAttention',
  'help.cmd.adminReport',
  'help.cmd.adminRemind',
  'help.cmd.adminReassign',
  'help.cmd.adminResolve',
  'help.cmd.adminCancel',
  'help.cmd.adminClaims',
];

function sections(model: HelpModel, t: Translate): Array<{ title: string; items: string[] }> {
  const out = [{ title: t('help.intro'), items: USER_COMMANDS.map((key) => t(key)) }];
  if (model.isAdmin) out.push({ title: t('help.adminTitle'), items: ADMIN_COMMANDS.map((key) => t(key)) });
  return out;
}

export function renderHelpCard(model: HelpModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const extra = sections(model, t).flatMap((section) => [
    paragraph(section.title, { weight: 'bolder', spacing: 'medium' }),
    ...section.items.map((item) => paragraph(`- ${item}`, { spacing: 'none' })),
  ]);
  return createNoticeCard(t, t('help.title'), [], [], extra);
}

export function renderHelpText(model: HelpModel, locale: Locale): string {
  const t = translator(locale);
  const lines = sections(model, t).flatMap((section) => [
    section.title,
    ...section.items.map((item) => `- ${item}`),
  ]);
  return createNoticeText(t, t('help.title'), lines, false);
}
