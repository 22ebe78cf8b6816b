/**
 * English messages: every word a person sees. Placeholders are `{name}`; `hr.ts` must have the same
 * keys (checked by its type) and the same placeholders (checked by a test).
 */
export const en = {
  'app.title': 'Webex Contact Center order setup',
  'language.current': 'Language: English',
  'language.switchTo': 'Hrvatski',
  'common.order': 'Order {orderId}',
  'common.stepOf': 'Step {n} of {total}',
  'common.next': 'Next',
  'common.back': 'Back',
  'common.startOver': 'Start over',
  'common.saveAndExit': 'Save and exit',
  'common.continueSetup': 'Continue setup',
  'common.setUpNow': 'Set up now',
  'common.correct': 'Correct',
  'common.notCorrect': 'Not correct',
  'common.notGiven': 'not given yet',
  'common.cardFallback': 'Open this message in the Webex app to answer with the card.',
  'common.saved': 'Your answers are saved after every step.',

  'step.role': 'Your role',
  'step.whoSetsUp': 'Who sets up the services',
  'step.partnerOrg': 'Partner organization',
  'step.customerAdmin': 'Customer administrator',
  'step.company': 'Customer company',
  'step.customerOrg': 'Customer organization',
  'step.review': 'Review and confirm',

  'role.intro': "Let's set up order {orderId} for {customerName}. Are you the partner or the customer?",
  'role.partner': 'I am a partner',
  'role.customer': 'I am the customer',

  'whoSetsUp.question': 'Will you set up the services yourself?',
  'whoSetsUp.me': 'Yes, I will set up',
  'whoSetsUp.colleague': 'Another person in my company will set up',
  'whoSetsUp.emailLabel': 'Email address of the person who will set up the services',
  'whoSetsUp.colleagueIntro': 'Or hand the setup to a colleague',
  'whoSetsUp.hint':
    'Enter their email address, then click the button below. The setup then passes to them: we ask them to continue and let you know.',

  'partnerOrg.reviewIntro': 'Your partner organization already exists in Control Hub. Check its details.',
  'partnerOrg.reviewHint':
    'If the organization details are not correct, choose Not correct and contact your Cisco representative.',
  'partnerOrg.createIntro':
    'This is your first order: create your Webex partner organization by giving its administrator email address and the company name.',
  'partnerOrg.adminEmailLabel': 'Administrator email address',
  'partnerOrg.companyNameLabel': 'Company name',

  'customerAdmin.intro': "Enter the email address of the customer organization's administrator.",
  'customerAdmin.label': 'Customer administrator email address',
  'customerAdmin.oneOrg': 'A user can belong to only one Webex organization at a time.',
  'customerAdmin.trialNote':
    'This order maps to a Webex Contact Center trial: enter the same administrator email address that was used when the trial was created.',

  'company.intro': "Enter the customer's company name and choose the country of operation.",
  'company.nameLabel': 'Company name',
  'company.countryLabel': 'Country of operation',
  'company.countryPlaceholder': 'Choose a country',
  'company.countryHint':
    'Only countries where Webex Contact Center may be sold under the offer are listed. Each shows the data residency region it implies.',
  'company.residency':
    "The country decides the data residency of the customer's Webex organization: where its data is stored.",
  'company.residencyChosen': '{country}: data is stored in the {region} region.',
  'company.ccLocation':
    'The Contact Center data location defaults to this region; you can change it later in the Contact Center tab of the setup wizard.',

  'customerOrg.intro': 'Is the customer organization a new or an existing Webex organization?',
  'customerOrg.choiceLabel': 'Customer organization',
  'customerOrg.new': 'New organization',
  'customerOrg.existing': 'Existing organization',
  'customerOrg.trialNote':
    "This order maps to a trial: choose Existing organization to use the trial's organization.",

  'customerOrgConfirm.intro':
    'Make sure the organization shown is the customer organization you want to use.',
  'customerOrgConfirm.trialIntro':
    'Check that this is the customer organization configured in the Webex Contact Center trial.',
  'customerOrgConfirm.hint':
    'If the organization details are not correct, choose Not correct and contact your Cisco representative.',

  'label.order': 'Order',
  'label.organization': 'Organization',
  'label.organizationId': 'Organization ID',
  'label.administrator': 'Administrator',
  'label.partner': 'Partner',
  'label.customer': 'Customer',
  'label.setUpBy': 'Set up by',
  'label.partnerOrg': 'Partner organization',
  'label.partnerOnOrder': 'Partner name on the order',
  'label.customerOnOrder': 'Customer name on the order',
  'label.company': 'Company name',
  'label.country': 'Country of operation',
  'label.dataResidency': 'Data residency',
  'label.requestedStart': 'Requested start date',
  'label.deadline': 'Finish by',

  'review.intro': 'Check that the customer and partner details are correct, then confirm.',
  'review.partnerOrgNew': '{name} (new; administrator {email})',
  'review.orgNew': 'New organization',
  'review.orgExisting': 'Existing: {name}',
  'review.editPartner': 'Edit partner details',
  'review.editCustomerAdmin': 'Edit administrator and organization',
  'review.editCompany': 'Edit company and country',
  'review.confirm': 'Confirm',

  'invite.title': 'Your Webex Contact Center order is ready to set up',
  'invite.intro':
    'You are the provisioning contact for this order. Set it up here in a few steps; your answers are saved after every step.',
  'invite.deadline': 'Please finish by {date}, or the order line closes.',

  'stale.title': 'This card is out of date',
  'stale.body':
    'You clicked a card from an earlier step. The setup of order {orderId} is now at step {n} of {total}: {step}.',
  'stale.ended': 'The setup of order {orderId} has already ended.',
  'stale.showCurrent': 'Show the current step',

  'resumePrompt.title': 'You have a setup in progress',
  'resumePrompt.body':
    'Order {orderId} is at step {n} of {total}: {step}. Continue where you left off, or start over?',
  'resumePrompt.resume': 'Continue',

  'restartConfirm.title': 'Start over?',
  'restartConfirm.body': 'This clears your answers for order {orderId} and takes you back to step 1.',
  'restartConfirm.yes': 'Yes, start over',
  'restartConfirm.no': 'No, keep my answers',

  'saved.title': 'Progress saved',
  'saved.body':
    'Your answers for order {orderId} are saved. Continue any time: click Continue setup, or type resume.',
  'saved.draftKept': 'What you typed on the last card is kept too; it is checked when you submit that step.',

  'handoffNotice.title': 'Setup handed over',
  'handoffNotice.body':
    'You handed the setup of order {orderId} to {email}. We have asked them to continue; you do not need to do anything else.',

  'handoffInvite.title': 'You have been asked to set up a Webex Contact Center order',
  'handoffInvite.body':
    '{fromEmail} asked you to set up order {orderId} for {customerName}. Click Continue setup to pick up where they left off.',

  'attention.title': 'Please contact your Cisco representative',
  'attention.partner_org_incorrect': 'You said the partner organization details are not correct.',
  'attention.customer_org_incorrect': 'You said the customer organization details are not correct.',
  'attention.trial_expired': 'The Webex Contact Center trial this order maps to has expired.',
  'attention.next':
    'Your Cisco representative can correct this. The setup of order {orderId} waits until then.',

  'success.title': 'Order setup complete',
  'success.body': 'Order {orderId} for {customerName} is set up. Thank you!',
  'success.next.partnerFirst':
    "Finish setting up the customer organization before you hand contact-center administration tasks to the customer's administrators.",
  'success.next.dataLocation':
    'The Contact Center data location defaults to the {region} region; you can change it in the Contact Center tab of the setup wizard.',

  'reminder.title': 'Reminder: an order is waiting to be set up',
  'reminder.notStarted': 'Order {orderId} for {customerName} has not been set up yet.',
  'reminder.inProgress': 'Order {orderId} for {customerName} is at step {n} of {total}.',

  'upgrade.title': 'Please start the setup again',
  'upgrade.body':
    'We updated the order setup and could not carry over your answers for order {orderId}. Sorry for the trouble: please start again.',

  'help.title': 'What I can do',
  'help.intro': 'Type one of these commands:',
  'help.cmd.help': 'help: this list',
  'help.cmd.resume': 'resume: show the current step of your setup',
  'help.cmd.restart': 'restart: start your setup over',
  'help.cmd.status': 'status: where your setup stands',
  'help.adminTitle': 'Administrator commands',
  'help.cmd.adminStatus': 'status <order id>: the status and history of an order',
  'help.cmd.adminOrders': 'orders [status] [page N]: orders, newest activity first',
  'help.cmd.adminAttention': 'attention: orders that need a person, with the reason',
  'help.cmd.adminReport': 'report: the funnel, how many orders reached each step and where they stop',
  'help.cmd.adminRemind': 'remind <order id>: send the current step to its owner again',
  'help.cmd.adminReassign': 'reassign <order id> <email>: move the setup to another person',

  'error.required': 'Please fill this in.',
  'error.invalid': 'This value is not valid.',
  'error.textTooLong': 'This is too long: at most 120 characters.',
  'error.nameLink':
    'Remove the link: write only the company name, without a web address, [ ] followed by ( ), or < > around one.',
  'error.nameMention': 'Remove the mention (such as <@all> or <at>…</at>): write only the company name.',
  'error.nameHidden':
    'This name contains hidden control characters (such as text-direction marks). Type the name again.',
  'error.emailTooLong': 'This email address is too long.',
  'error.emailInvalid': 'Enter a valid email address, for example name@example.com.',
  'error.handoffSameAsOwner':
    "This is your own address. Enter your colleague's email address, or choose Yes, I will set up.",
  'error.handoffOtherDomain':
    'The person must be in your company: use an address on the same domain as yours.',
  'error.partnerAdminInAnotherOrg':
    'This address already belongs to a Webex organization, and a user can belong to only one at a time. Use another address.',
  'error.customerAdminIsPartner': "This is a partner address. Enter the customer's administrator.",
  'error.customerAdminNotTrialAdmin':
    'This order maps to a Webex Contact Center trial: enter the administrator email address that was used when the trial was created.',
  'error.customerAdminInAnotherOrg':
    'This address already belongs to another Webex organization, and a user can belong to only one at a time.',
  'error.countryNotAllowed': 'Choose a country from the list.',
  'error.customerOrgNoneFound':
    'No existing Webex organization was found for this administrator. Choose New organization, or go back and check the administrator email address.',
  'error.customerOrgAdminHasOrg':
    'The administrator already belongs to a Webex organization, so a new one cannot be created for them. Choose Existing organization, or go back and change the administrator.',
  'error.customerOrgTrialNeedsExisting':
    "This order maps to a trial: choose Existing organization to use the trial's organization.",

  // Orders without names, the data residency of an existing organization, and who does what next.
  'role.introNoName': "Let's set up order {orderId}. Are you the partner or the customer?",
  'handoffInvite.bodyNoName':
    '{fromEmail} asked you to set up order {orderId}. Click Continue setup to pick up where they left off.',
  'reminder.notStartedNoName': 'Order {orderId} has not been set up yet.',
  'reminder.inProgressNoName': 'Order {orderId} is at step {n} of {total}.',
  'success.bodyNoName': 'Order {orderId} is set up. Thank you!',
  'residency.keptByExistingOrg':
    '{name} is an existing organization and keeps its data residency region, {region}. The Contact Center data location defaults to the region of the country of operation, {ccRegion}; you can change it in the Contact Center tab of the setup wizard.',
  'success.whoTitle': 'Who does what next',
  'success.who.welcomeEmail':
    'The customer administrator, {email}, receives a welcome email from Cisco: its Get Started link sets a password and opens Control Hub.',
  'success.who.wizardPartner':
    'You, as the partner, complete the services setup wizard of the customer organization in Control Hub (admin.webex.com), as described in "Getting started with Webex Contact Center".',
  'success.who.wizardCustomer':
    'You complete the services setup wizard in Control Hub (admin.webex.com) with the customer administrator account, as described in "Getting started with Webex Contact Center".',
  'success.openGuide': 'Getting started with Webex Contact Center',
  // Administrators' ways out of "needs attention"; a completion the directory refused.
  'help.cmd.adminResolve': 'resolve <order id>: after fixing the cause, return the setup to its step',
  'help.cmd.adminCancel': 'cancel <order id> <reason>: cancel an order, with the reason',
  'help.cmd.adminClaims':
    'claims, approve <claim id>, refuse <claim id>: domains and addresses a setup named, waiting for approval',
  'error.customerAdminTakenMeanwhile':
    'While the setup was being finished, this address was added to another Webex organization, and a user can belong to only one at a time. Enter another administrator email address.',
} as const;

export type MessageKey = keyof typeof en;
