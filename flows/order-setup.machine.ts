import { and, assign, setup } from 'xstate';
import type { OrderSetupEvent } from './order-setup.events.js';
import { customerOrgDecision, orderSetupGuards, parseEvent } from './order-setup.guards.js';
import {
  type AttentionReason,
  createInitialContext,
  EMPTY_ANSWERS,
  type OrderSetupContext,
  type OrderSetupInput,
} from './order-setup.schemas.js';

/** Stable id stored in every envelope; never change it. */
export const ORDER_SETUP_ID = 'order-setup';

/** Bump on any change to states or context, and add a migration to `MIGRATIONS`. */
export const ORDER_SETUP_VERSION = 1;

/**
 * The order-setup conversation (steps 3-10 of Cisco's order setup wizard). Pure: actions only
 * `assign`, guards decide, no timers, no invoked actors, so a stored snapshot restores to exactly
 * this point and the dispatcher runs every effect around the transition.
 */
export const orderSetupMachine = setup({
  types: {
    context: {} as OrderSetupContext,
    events: {} as OrderSetupEvent,
    input: {} as OrderSetupInput,
  },
  guards: orderSetupGuards,
  actions: {
    assignRole: assign(({ context, event }) => {
      const role = parseEvent(event, 'CHOOSE_ROLE')?.role ?? context.answers.role;
      // A customer has no partner organization step: drop what a partner answer left behind.
      const partnerOrg = role === 'partner' ? context.answers.partnerOrg : null;
      return { answers: { ...context.answers, role, partnerOrg } };
    }),
    assignSetUpMyself: assign(({ context }) => ({
      answers: { ...context.answers, whoSetsUp: 'me' as const },
    })),
    assignHandOff: assign(({ context, event }) => {
      const e = parseEvent(event, 'HAND_OFF');
      if (e === null) return {};
      return {
        ownerEmail: e.email,
        // The stored schema caps the history; keep the latest owners rather than break the snapshot.
        previousOwners: [...context.previousOwners, context.ownerEmail].slice(-50),
        partnerOrgFound: context.answers.role === 'partner' ? e.facts.partnerOrg : context.partnerOrgFound,
        answers: { ...context.answers, whoSetsUp: 'colleague' as const },
      };
    }),
    assignExistingPartnerOrg: assign(({ context }) => ({
      answers: {
        ...context.answers,
        partnerOrg:
          context.partnerOrgFound === null ? null : { mode: 'existing' as const, ...context.partnerOrgFound },
      },
    })),
    assignCreatedPartnerOrg: assign(({ context, event }) => {
      const e = parseEvent(event, 'SUBMIT_PARTNER_ORG');
      if (e === null) return {};
      const partnerOrg = { mode: 'create' as const, adminEmail: e.adminEmail, companyName: e.companyName };
      return { answers: { ...context.answers, partnerOrg } };
    }),
    assignCustomerAdmin: assign(({ context, event }) => {
      const e = parseEvent(event, 'SUBMIT_CUSTOMER_ADMIN');
      return e === null ? {} : { answers: { ...context.answers, customerAdminEmail: e.email } };
    }),
    assignCompany: assign(({ context, event }) => {
      const e = parseEvent(event, 'SUBMIT_COMPANY');
      if (e === null) return {};
      const company = { name: e.name, countryCode: e.country.code, regionCode: e.country.regionCode };
      return { answers: { ...context.answers, company } };
    }),
    assignNewCustomerOrg: assign(({ context }) => ({
      answers: { ...context.answers, customerOrg: { choice: 'new' as const }, pendingOrg: null },
    })),
    assignPendingOrg: assign(({ context, event }) => {
      const decision = customerOrgDecision(event);
      if (decision?.kind !== 'confirmExisting') return {};
      return { answers: { ...context.answers, pendingOrg: decision.org } };
    }),
    assignExistingCustomerOrg: assign(({ context }) => {
      const org = context.answers.pendingOrg;
      if (org === null) return {};
      return { answers: { ...context.answers, customerOrg: { choice: 'existing' as const, ...org } } };
    }),
    assignEditing: assign(({ event }) => ({ editing: parseEvent(event, 'EDIT')?.section ?? null })),
    clearEditing: assign({ editing: null }),
    assignAttention: assign((_, params: { reason: AttentionReason }) => ({ attention: params.reason })),
    assignLocale: assign(({ context, event }) => ({
      locale: parseEvent(event, 'SET_LOCALE')?.locale ?? context.locale,
    })),
    assignReassign: assign(({ context, event }) => {
      const e = parseEvent(event, 'REASSIGN');
      if (e === null) return {};
      return {
        ownerEmail: e.email,
        previousOwners: [...context.previousOwners, context.ownerEmail].slice(-50),
      };
    }),
    resetAnswers: assign({ answers: EMPTY_ANSWERS, editing: null, attention: null }),
  },
}).createMachine({
  id: ORDER_SETUP_ID,
  context: ({ input }) => createInitialContext(input),
  initial: 'role',
  on: {
    RESTART: { target: '.role', reenter: true, actions: 'resetAnswers' },
    SET_LOCALE: { guard: 'isValidLocale', actions: 'assignLocale' },
    REASSIGN: { guard: 'canReassign', actions: 'assignReassign' },
  },
  states: {
    role: {
      on: { CHOOSE_ROLE: { guard: 'isValidRole', target: 'whoSetsUp', actions: 'assignRole' } },
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
          { guard: and(['canSetCompany', 'isEditing']), target: 'review', actions: 'assignCompany' },
          { guard: 'canSetCompany', target: 'customerOrg', actions: 'assignCompany' },
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
    done: { type: 'final' },
    needsAttention: { type: 'final' },
  },
});

export type OrderSetupMachine = typeof orderSetupMachine;
