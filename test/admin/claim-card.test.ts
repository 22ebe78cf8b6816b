import { describe, expect, it } from 'vitest';
import { CLAIM_CATALOGS, renderClaimAlert } from '../../cards/admin/claim.card.js';
import { parseAdminText } from '../../src/admin/admin-command.parser.js';
import { claimIdOf } from '../../src/directory/claims.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the claim cards and commands', () => {
  it('say the same placeholders in English and Croatian', () => {
    for (const [key, text] of Object.entries(CLAIM_CATALOGS.en))
      expect(placeholders(CLAIM_CATALOGS.hr[key as keyof typeof CLAIM_CATALOGS.hr]), key).toEqual(
        placeholders(text),
      );
  });

  it('alerts with Approve and Refuse for the claim, in both languages', () => {
    const claim = {
      claimId: claimIdOf('org-1', 'domain', 'victim.example'),
      kind: 'domain' as const,
      value: 'victim.example',
      orgId: 'org-1',
      orgKind: 'partner' as const,
      orgName: 'Partner',
      orderId: 'SUB-1',
      requestedBy: 'lead@attacker.example',
      status: 'pending' as const,
      decidedBy: null,
    };
    for (const locale of ['en', 'hr'] as const) {
      const { card, text } = renderClaimAlert(claim, locale);
      expect(card.actions?.map((action) => action.data)).toEqual([
        { admin: 'claim', claimId: claim.claimId, decision: 'approve' },
        { admin: 'claim', claimId: claim.claimId, decision: 'refuse' },
      ]);
      expect(text).toContain('victim.example');
      expect(text).toContain(`approve ${claim.claimId}`);
    }
  });

  it('reads claims, approve and refuse, and says what is wrong with a claim id', () => {
    expect(parseAdminText('claims')).toEqual({ kind: 'command', command: { kind: 'claims' } });
    expect(parseAdminText('approve CL-00AA11bb22')).toEqual({
      kind: 'command',
      command: { kind: 'approve', claimId: 'CL-00aa11bb22' },
    });
    expect(parseAdminText('refuse')).toMatchObject({
      kind: 'malformed',
      problem: { code: 'missingClaimId' },
    });
    expect(parseAdminText('refuse CL-123')).toMatchObject({
      kind: 'malformed',
      problem: { code: 'badClaimId', value: 'CL-123' },
    });
  });
});
