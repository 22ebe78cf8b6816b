import type { Locale } from '../../flows/order-setup.schemas.js';
import { paragraph } from '../card-kit.js';
import { interpolate, type Params } from '../i18n/translate.js';
import type { AdminCardMessage, AdminSubmitAction } from './admin-card.types.js';
import { adminSubmit, adminTranslator, createAdminCard, toAdminMessage } from './admin-card-kit.js';

/**
 * The administrators' cards about claims: a domain or an address a setup named that its owner did
 * not earn, held until an operator approves or refuses it (see `src/directory/claims.ts`).
 */

/** A claim as these cards show it. */
export interface ClaimView {
  claimId: string;
  kind: 'domain' | 'email';
  value: string;
  orgId: string;
  orgKind: 'partner' | 'customer';
  orgName: string;
  orderId: string;
  requestedBy: string;
  status: 'pending' | 'approved' | 'refused';
  decidedBy: string | null;
}

/** What deciding a claim came to, as the answer shows it. */
export type ClaimOutcomeView =
  | { kind: 'approved' | 'refused' | 'already_decided' | 'org_missing'; claim: ClaimView }
  | { kind: 'taken'; claim: ClaimView; orgId: string }
  | { kind: 'not_found'; claimId: string };

const en = {
  'claim.title.domain': 'Approval needed: an email domain',
  'claim.title.email': 'Approval needed: an email address',
  'claim.named.domain':
    'The setup of order {orderId} by {by} names the domain {value} for the partner organization {orgName} ({orgId}).',
  'claim.named.email':
    'The setup of order {orderId} by {by} names {value} as administrator of the {orgKind} organization {orgName} ({orgId}).',
  'claim.held':
    'Until approved it belongs to nobody. Approve only if that company confirmed it. Or type: approve {claimId} / refuse {claimId}',
  'claim.approve': 'Approve',
  'claim.refuse': 'Refuse',
  'claim.listTitle': 'Waiting for approval',
  'claim.listEmpty': 'No domain or address is waiting for approval.',
  'claim.listItem': '{claimId}: {value} for {orgName} ({orgId}), order {orderId}, named by {by}',
  'claim.listHint': 'Type: approve <claim id> or refuse <claim id>',
  'claim.approvedTitle': 'Approved',
  'claim.approved': '{value} now belongs to {orgName} ({orgId}).',
  'claim.refusedTitle': 'Refused',
  'claim.refused': '{value} stays with nobody; {orgName} ({orgId}) does not get it.',
  'claim.failedTitle': 'Not changed',
  'claim.already': '{claimId} was already {status} by {by}.',
  'claim.notFound': 'No claim has the id {claimId}. Type claims to list them.',
  'claim.taken': '{value} already belongs to the organization {holder}: not approved.',
  'claim.orgMissing': 'The organization {orgId} no longer exists: nothing to approve.',
  'claim.status.approved': 'approved',
  'claim.status.refused': 'refused',
  'claim.status.pending': 'pending',
  'claim.orgKind.partner': 'partner',
  'claim.orgKind.customer': 'customer',
} as const;
type ClaimKey = keyof typeof en;

const hr: Record<ClaimKey, string> = {
  'claim.title.domain': 'Potrebno odobrenje: domena e-pošte',
  'claim.title.email': 'Potrebno odobrenje: adresa e-pošte',
  'claim.named.domain':
    'Postavljanje narudžbe {orderId} ({by}) navodi domenu {value} za partnersku organizaciju {orgName} ({orgId}).',
  'claim.named.email':
    'Postavljanje narudžbe {orderId} ({by}) navodi {value} kao administratora organizacije {orgName} ({orgId}, {orgKind}).',
  'claim.held':
    'Dok nije odobreno, ne pripada nikome. Odobrite samo ako je ta tvrtka to potvrdila. Ili upišite: approve {claimId} / refuse {claimId}',
  'claim.approve': 'Odobri',
  'claim.refuse': 'Odbij',
  'claim.listTitle': 'Čeka odobrenje',
  'claim.listEmpty': 'Nijedna domena ni adresa ne čeka odobrenje.',
  'claim.listItem': '{claimId}: {value} za {orgName} ({orgId}), narudžba {orderId}, naveo {by}',
  'claim.listHint': 'Upišite: approve <ID zahtjeva> ili refuse <ID zahtjeva>',
  'claim.approvedTitle': 'Odobreno',
  'claim.approved': '{value} sada pripada organizaciji {orgName} ({orgId}).',
  'claim.refusedTitle': 'Odbijeno',
  'claim.refused': '{value} ne pripada nikome; {orgName} ({orgId}) to ne dobiva.',
  'claim.failedTitle': 'Ništa nije promijenjeno',
  'claim.already': '{claimId} je već {status} ({by}).',
  'claim.notFound': 'Nijedan zahtjev nema ID {claimId}. Upišite claims za popis.',
  'claim.taken': '{value} već pripada organizaciji {holder}: nije odobreno.',
  'claim.orgMissing': 'Organizacija {orgId} više ne postoji: nema se što odobriti.',
  'claim.status.approved': 'odobren',
  'claim.status.refused': 'odbijen',
  'claim.status.pending': 'na čekanju',
  'claim.orgKind.partner': 'partnerska',
  'claim.orgKind.customer': 'korisnička',
};

const CATALOGS: Record<Locale, Record<ClaimKey, string>> = { en, hr };

/** Claim texts in both languages (the i18n test compares their placeholders). */
export const CLAIM_CATALOGS = CATALOGS;

function translator(locale: Locale) {
  return (key: ClaimKey, params?: Params) => interpolate(CATALOGS[locale][key], params);
}

function paramsOf(claim: ClaimView, t: ReturnType<typeof translator>): Params {
  return {
    claimId: claim.claimId,
    value: claim.value,
    orgId: claim.orgId,
    orgName: claim.orgName,
    orgKind: t(`claim.orgKind.${claim.orgKind}`),
    orderId: claim.orderId,
    by: claim.requestedBy,
  };
}

function message(locale: Locale, title: string, lines: string[], actions: AdminSubmitAction[] = []) {
  const at = adminTranslator(locale);
  const card = createAdminCard(
    at,
    title,
    lines.map((line) => paragraph(line)),
    actions,
  );
  return toAdminMessage(at, card, [title, ...lines]);
}

/** The alert: what was named, for whom, by whom, and the two buttons. */
export function renderClaimAlert(claim: ClaimView, locale: Locale): AdminCardMessage {
  const t = translator(locale);
  const params = paramsOf(claim, t);
  const { claimId } = claim;
  return message(
    locale,
    t(`claim.title.${claim.kind}`),
    [t(`claim.named.${claim.kind}`, params), t('claim.held', params)],
    [
      adminSubmit(
        t('claim.approve'),
        { admin: 'claim', claimId, decision: 'approve' },
        { style: 'positive' },
      ),
      adminSubmit(
        t('claim.refuse'),
        { admin: 'claim', claimId, decision: 'refuse' },
        { style: 'destructive' },
      ),
    ],
  );
}

/** The answer to `claims`: the pending ones, oldest first. */
export function renderClaimList(claims: readonly ClaimView[], locale: Locale): AdminCardMessage {
  const t = translator(locale);
  if (claims.length === 0) return message(locale, t('claim.listTitle'), [t('claim.listEmpty')]);
  const lines = claims.map((claim) => t('claim.listItem', paramsOf(claim, t)));
  return message(locale, t('claim.listTitle'), [...lines, t('claim.listHint')]);
}

/** The answer to an approval or a refusal. */
export function renderClaimOutcome(outcome: ClaimOutcomeView, locale: Locale): AdminCardMessage {
  const t = translator(locale);
  if (outcome.kind === 'not_found')
    return message(locale, t('claim.failedTitle'), [t('claim.notFound', { claimId: outcome.claimId })]);
  const params = paramsOf(outcome.claim, t);
  switch (outcome.kind) {
    case 'approved':
      return message(locale, t('claim.approvedTitle'), [t('claim.approved', params)]);
    case 'refused':
      return message(locale, t('claim.refusedTitle'), [t('claim.refused', params)]);
    case 'already_decided': {
      const status = t(`claim.status.${outcome.claim.status}`);
      const by = outcome.claim.decidedBy ?? '—';
      return message(locale, t('claim.failedTitle'), [t('claim.already', { ...params, status, by })]);
    }
    case 'taken':
      return message(locale, t('claim.failedTitle'), [
        t('claim.taken', { ...params, holder: outcome.orgId }),
      ]);
    case 'org_missing':
      return message(locale, t('claim.failedTitle'), [t('claim.orgMissing', params)]);
  }
}
