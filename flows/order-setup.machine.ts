import { and, assign, setup } from 'xstate';
import type { OrderSetupEvent } from './order-setup.events.js';
import { ENDED_TAG, reopenAnswers, reopenGuards } from './order-setup.reopen.js';
import {
  type AttentionReason,
  createInitialContext,
  EMPTY_ANSWERS,
  type OrderSetupContext,
  type OrderSetupInput,
} from './order-setup.schemas.js';
import { companyAnswers } from './steps/company.step.js';
import { customerAdminAnswers, customerAdminGuards } from './steps/customer-admin.step.js';
import { customerOrgAnswers, customerOrgGuards } from './steps/customer-org.step.js';
import { partnerOrgAnswers, partnerOrgGuards } from './steps/partner-org.step.js';
import { reviewAnswers, reviewGuards } from './steps/review.step.js';
import { roleAnswers } from './steps/role.step.js';
import { whoSetsUpAnswers, whoSetsUpGuards } from './steps/who-sets-up.step.js';

/** Stable id stored in every envelope; never change it. */
export const ORDER_SETUP_ID = 'order-setup';

/** Bump on any change to states or context, and add a migration to `MIGRATIONS`. */
export const ORDER_SETUP_VERSION = 1;

/**
 * The order-setup conversation (steps 3-10 of Cisco's order setup wizard). Pure: actions only
 * `assign`, guards decide, no timers, no invoked actors, so a stored snapshot restores to exactly
 * this point and the conversation runs every effect around the transition. Events arrive already
 * checked by their schema (`advanceOrderSetup`), so guards and actions only look at their type.
 */
export const orderSetupMachine = setup({
  types: {
    context: {} as OrderSetupContext,
    events: {} as OrderSetupEvent,
    input: {} as OrderSetupInput,
  },
  guards: {
    isPartner: ({ context }) => context.answers.role === 'partner',
    isEditing: ({ context }) => context.editing !== null,
    isEditingCustomerAdmin: ({ context }) => context.editing === 'customerAdmin',
    canReassign: ({ context, event }) => event.type === 'REASSIGN' && event.email !== context.ownerEmail,
    ...whoSetsUpGuards,
    ...partnerOrgGuards,
    ...customerAdminGuards,
    ...customerOrgGuards,
    ...reviewGuards,
    ...reopenGuards,
  },
  actions: {
    assignRole: assign(roleAnswers.assignRole),
    assignSetUpMyself: assign(whoSetsUpAnswers.assignSetUpMyself),
    assignHandOff: assign(whoSetsUpAnswers.assignHandOff),
    assignExistingPartnerOrg: assign(partnerOrgAnswers.assignExistingPartnerOrg),
    assignCreatedPartnerOrg: assign(partnerOrgAnswers.assignCreatedPartnerOrg),
    assignCustomerAdmin: assign(customerAdminAnswers.assignCustomerAdmin),
    assignCompany: assign(companyAnswers.assignCompany),
    assignNewCustomerOrg: assign(customerOrgAnswers.assignNewCustomerOrg),
    assignPendingOrg: assign(customerOrgAnswers.assignPendingOrg),
    assignExistingCustomerOrg: assign(customerOrgAnswers.assignExistingCustomerOrg),
    assignEditing: assign(reviewAnswers.assignEditing),
    clearEditing: assign({ editing: null }),
    assignAttention: assign((_, params: { reason: AttentionReason }) => ({ attention: params.reason })),
    assignLocale: assign(({ context, event }) => ({
      locale: event.type === 'SET_LOCALE' ? event.locale : context.locale,
    })),
    assignReassign: assign(({ context, event }) => {
      if (event.type !== 'REASSIGN') return {};
      return {
        ownerEmail: event.email,
        previousOwners: [...context.previousOwners, context.ownerEmail].slice(-50),
      };
    }),
    resetAnswers: assign({ answers: EMPTY_ANSWERS, editing: null, attention: null }),
    assignResolved: assign(reopenAnswers.assignResolved),
    assignRefusedAdmin: assign(reopenAnswers.assignRefusedAdmin),
  },
}).createMachine({
  id: ORDER_SETUP_ID,
  context: ({ input }) => createInitialContext(input),
  initial: 'role',
  on: {
    RESTART: { target: '.role', reenter: true, actions: 'resetAnswers' },
    SET_LOCALE: { actions: 'assignLocale' },
    REASSIGN: { guard: 'canReassign', actions: 'assignReassign' },
  },
  states: {
    role: {
      on: { CHOOSE_ROLE: { target: 'whoSetsUp', actions: 'assignRole' } },
    },
    whoSetsUp: {
      on: {
        SET_UP_MYSELF: [
          { guard: 'isPartner', target: 'partnerOrg', actions: 'assignSetUpMyself' },
          { target: 'customerAdmin', actions: 'assignSetUpMyself' },
        ],
        HAND_OFF: [
          { guard: and(['canHandOff', 'isPartner']), target: 'partnerOrg', actions: 'assignHandOff' },
          { guard: 'canHandOff', target: 'customerAdmin', actions: 'assignHandOff' },
        ],
        BACK: 'role',
      },
    },
    partnerOrg: {
      on: {
        PARTNER_ORG_CORRECT: [
          {
            guard: and(['hasPartnerOrgFound', 'isEditing']),
            target: 'review',
            actions: 'assignExistingPartnerOrg',
          },
          { guard: 'hasPartnerOrgFound', target: 'customerAdmin', actions: 'assignExistingPartnerOrg' },
        ],
        PARTNER_ORG_INCORRECT: {
          guard: 'hasPartnerOrgFound',
          target: 'needsAttention',
          actions: { type: 'assignAttention', params: { reason: 'partner_org_incorrect' } },
        },
        SUBMIT_PARTNER_ORG: [
          {
            guard: and(['canCreatePartnerOrg', 'isEditing']),
            target: 'review',
            actions: 'assignCreatedPartnerOrg',
          },
          { guard: 'canCreatePartnerOrg', target: 'customerAdmin', actions: 'assignCreatedPartnerOrg' },
        ],
        BACK: [{ guard: 'isEditing', target: 'review' }, { target: 'whoSetsUp' }],
      },
    },
    customerAdmin: {
      on: {
        SUBMIT_CUSTOMER_ADMIN: [
          // The existing organization depends on the administrator, so an edit re-confirms it.
          {
            guard: and(['canSetCustomerAdmin', 'isEditing']),
            target: 'customerOrg',
            actions: 'assignCustomerAdmin',
          },
          { guard: 'canSetCustomerAdmin', target: 'company', actions: 'assignCustomerAdmin' },
        ],
        BACK: [
          { guard: 'isEditing', target: 'review' },
          { guard: 'isPartner', target: 'partnerOrg' },
          { target: 'whoSetsUp' },
        ],
      },
    },
    company: {
      on: {
        SUBMIT_COMPANY: [
          { guard: 'isEditing', target: 'review', actions: 'assignCompany' },
          { target: 'customerOrg', actions: 'assignCompany' },
        ],
        BACK: [{ guard: 'isEditing', target: 'review' }, { target: 'customerAdmin' }],
      },
    },
    customerOrg: {
      initial: 'choose',
      states: {
        choose: {
          on: {
            SUBMIT_CUSTOMER_ORG: [
              {
                guard: 'customerOrgTrialExpired',
                target: '#order-setup.needsAttention',
                actions: { type: 'assignAttention', params: { reason: 'trial_expired' } },
              },
              { guard: 'customerOrgIsNew', target: '#order-setup.review', actions: 'assignNewCustomerOrg' },
              {
                guard: 'customerOrgNeedsConfirmation',
                target: 'confirmExisting',
                actions: 'assignPendingOrg',
              },
            ],
            BACK: [
              { guard: 'isEditingCustomerAdmin', target: '#order-setup.customerAdmin' },
              { target: '#order-setup.company' },
            ],
          },
        },
        confirmExisting: {
          on: {
            CONFIRM_EXISTING_ORG: {
              guard: 'hasPendingOrg',
              target: '#order-setup.review',
              actions: 'assignExistingCustomerOrg',
            },
            EXISTING_ORG_INCORRECT: {
              target: '#order-setup.needsAttention',
              actions: { type: 'assignAttention', params: { reason: 'customer_org_incorrect' } },
            },
            BACK: 'choose',
          },
        },
      },
    },
    review: {
      entry: 'clearEditing',
      on: {
        CONFIRM: 'done',
        EDIT: [
          {
            guard: and(['canEdit', 'editsPartner']),
            target: 'partnerOrg',
            actions: 'assignEditing',
          },
          {
            guard: and(['canEdit', 'editsCustomerAdmin']),
            target: 'customerAdmin',
            actions: 'assignEditing',
          },
          {
            guard: and(['canEdit', 'editsCompany']),
            target: 'company',
            actions: 'assignEditing',
          },
        ],
        BACK: '#order-setup.customerOrg.choose',
      },
    },
    // Not `final`: an ended setup can still be reopened (see `order-setup.reopen.ts`); the tag
    // marks them, and `advanceOrderSetup` lets only the reopening events through.
    done: {
      tags: ENDED_TAG,
      on: {
        RESOLVE: { target: 'review', actions: 'assignResolved' },
        COMPLETION_REFUSED: { target: 'customerAdmin', actions: 'assignRefusedAdmin' },
      },
    },
    needsAttention: {
      tags: ENDED_TAG,
      on: {
        RESOLVE: [
          { guard: 'attentionOnPartnerOrg', target: 'partnerOrg', actions: 'assignResolved' },
          { target: 'customerOrg', actions: 'assignResolved' },
        ],
      },
    },
  },
});

export type OrderSetupMachine = typeof orderSetupMachine;
