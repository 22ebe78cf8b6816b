import { describe, expect, it } from 'vitest';
import { dataResidencyOf } from '../../../flows/steps/customer-org.step.js';

describe('data residency of the customer organization', () => {
  const croatia = { regionCode: 'eu' };

  it.each([
    ['a new organization: the country decides', null, { regionCode: 'eu', keptByExistingOrg: false }],
    [
      'an existing organization elsewhere keeps its region',
      { regionCode: 'us' },
      { regionCode: 'us', keptByExistingOrg: true },
    ],
    [
      'an existing organization in the same region',
      { regionCode: 'eu' },
      { regionCode: 'eu', keptByExistingOrg: false },
    ],
    [
      'an existing organization of unknown region: the country is the best guess',
      { regionCode: null },
      { regionCode: 'eu', keptByExistingOrg: false },
    ],
    ['an organization stored before regions were kept', {}, { regionCode: 'eu', keptByExistingOrg: false }],
  ])('%s', (_, org, expected) => {
    // The Contact Center data location always defaults to the country's region.
    expect(dataResidencyOf(croatia, org)).toEqual({ ...expected, contactCenterRegionCode: 'eu' });
  });

  it('is unknown until the company step is answered', () => {
    expect(dataResidencyOf(null, { regionCode: 'us' })).toBeNull();
  });
});
