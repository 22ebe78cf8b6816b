import type { MessageKey } from './en.js';

/**
 * Croatian messages. The wizard's own wording comes from Cisco's Croatian guide ("Ja sam partner",
 * "Da, postavit ću", "Druga osoba u mojoj tvrtki će postaviti", "Sljedeće", "zemlja rada",
 * "obratite se svom predstavniku tvrtke Cisco", ...). The type makes a missing or extra key a
 * compile error.
 */
export const hr: Record<MessageKey, string> = {
  'app.title': 'Postavljanje narudžbe za Webex kontakt centar',
  'language.current': 'Jezik: hrvatski',
  'language.switchTo': 'English',
  'common.order': 'Narudžba {orderId}',
  'common.stepOf': 'Korak {n} od {total}',
  'common.next': 'Sljedeće',
  'common.back': 'Natrag',
  'common.startOver': 'Počni ispočetka',
  'common.saveAndExit': 'Spremi i izađi',
  'common.continueSetup': 'Nastavi postavljanje',
  'common.setUpNow': 'Postavi sada',
  'common.correct': 'Točno',
  'common.notCorrect': 'Nije točno',
  'common.notGiven': 'još nije navedeno',
  'common.cardFallback': 'Otvorite ovu poruku u aplikaciji Webex kako biste odgovorili putem kartice.',
  'common.saved': 'Vaši se odgovori spremaju nakon svakog koraka.',

  'step.role': 'Vaša uloga',
  'step.whoSetsUp': 'Tko postavlja usluge',
  'step.partnerOrg': 'Partnerska organizacija',
  'step.customerAdmin': 'Administrator korisnika',
  'step.company': 'Tvrtka korisnika',
  'step.customerOrg': 'Organizacija korisnika',
  'step.review': 'Pregled i potvrda',

  'role.intro': 'Postavimo narudžbu {orderId} za tvrtku {customerName}. Jeste li partner ili kupac?',
  'role.partner': 'Ja sam partner',
  'role.customer': 'Ja sam kupac',

  'whoSetsUp.question': 'Hoćete li sami postaviti usluge?',
  'whoSetsUp.me': 'Da, postavit ću',
  'whoSetsUp.colleague': 'Druga osoba u mojoj tvrtki će postaviti',
  'whoSetsUp.emailLabel': 'Adresa e-pošte osobe koja će postaviti usluge',
  'whoSetsUp.colleagueIntro': 'Ili predajte postavljanje kolegi',
  'whoSetsUp.hint':
    'Upišite njegovu adresu e-pošte, a zatim kliknite gumb ispod. Postavljanje tada prelazi na njega: zamolit ćemo ga da nastavi i o tome vas obavijestiti.',

  'partnerOrg.reviewIntro':
    'Vaša partnerska organizacija već postoji u Control Hubu. Pregledajte njezine podatke.',
  'partnerOrg.reviewHint':
    'Ako podaci o organizaciji nisu točni, odaberite Nije točno i obratite se svom predstavniku tvrtke Cisco.',
  'partnerOrg.createIntro':
    'Ovo je vaša prva narudžba: kreirajte svoju Webex partnersku organizaciju tako da navedete administratorsku adresu e-pošte i naziv tvrtke.',
  'partnerOrg.adminEmailLabel': 'Administratorska adresa e-pošte',
  'partnerOrg.companyNameLabel': 'Naziv tvrtke',

  'customerAdmin.intro': 'Unesite adresu e-pošte administratora organizacije korisnika.',
  'customerAdmin.label': 'Adresa e-pošte administratora korisnika',
  'customerAdmin.oneOrg': 'Korisnik može pripadati samo jednoj Webex organizaciji u isto vrijeme.',
  'customerAdmin.trialNote':
    'Ova je narudžba mapirana na probni period Webex kontakt centra: navedite istu adresu e-pošte administratora koja je korištena prilikom izrade probnog perioda.',

  'company.intro': 'Unesite naziv tvrtke i zatim odaberite zemlju rada.',
  'company.nameLabel': 'Naziv tvrtke',
  'company.countryLabel': 'Zemlja rada',
  'company.countryPlaceholder': 'Odaberite zemlju',
  'company.countryHint':
    'Na popisu su samo zemlje u kojima je prodaja Webex kontakt centra ovlaštena prema dokumentu ponude. Uz svaku je navedena regija rezidencije podataka.',
  'company.residency':
    'Zemlja koju odaberete određuje rezidenciju podataka Webex organizacije korisnika: gdje se njezini podaci pohranjuju.',
  'company.residencyChosen': '{country}: podaci se pohranjuju u regiji {region}.',
  'company.ccLocation':
    'Lokacija podataka Webex kontakt centra zadano odgovara ovoj regiji; možete je promijeniti kasnije u kartici Kontakt centar čarobnjaka za postavljanje.',

  'customerOrg.intro': 'Je li organizacija korisnika nova ili postojeća Webex organizacija?',
  'customerOrg.choiceLabel': 'Organizacija korisnika',
  'customerOrg.new': 'Nova organizacija',
  'customerOrg.existing': 'Postojeća organizacija',
  'customerOrg.trialNote':
    'Ova je narudžba mapirana na probni period: odaberite Postojeća organizacija kako biste koristili organizaciju iz probnog perioda.',

  'customerOrgConfirm.intro': 'Provjerite je li prikazana organizacija kupca ona koju želite koristiti.',
  'customerOrgConfirm.trialIntro':
    'Provjerite je li ovo organizacija kupca konfigurirana u probnom periodu Webex kontakt centra.',
  'customerOrgConfirm.hint':
    'Ako podaci o organizaciji nisu točni, odaberite Nije točno i obratite se svom predstavniku tvrtke Cisco.',

  'label.order': 'Narudžba',
  'label.organization': 'Organizacija',
  'label.organizationId': 'ID organizacije',
  'label.administrator': 'Administrator',
  'label.partner': 'Partner',
  'label.customer': 'Kupac',
  'label.setUpBy': 'Postavlja',
  'label.partnerOrg': 'Partnerska organizacija',
  'label.partnerOnOrder': 'Naziv partnera na narudžbi',
  'label.customerOnOrder': 'Naziv kupca na narudžbi',
  'label.company': 'Naziv tvrtke',
  'label.country': 'Zemlja rada',
  'label.dataResidency': 'Rezidencija podataka',
  'label.requestedStart': 'Traženi datum početka',
  'label.deadline': 'Rok za dovršetak',

  'review.intro': 'Provjerite jesu li podaci o kupcu i partneru točni, a zatim potvrdite.',
  'review.partnerOrgNew': '{name} (nova; administrator {email})',
  'review.orgNew': 'Nova organizacija',
  'review.orgExisting': 'Postojeća: {name}',
  'review.editPartner': 'Uredi podatke partnera',
  'review.editCustomerAdmin': 'Uredi administratora i organizaciju',
  'review.editCompany': 'Uredi tvrtku i zemlju',
  'review.confirm': 'Potvrdi',

  'invite.title': 'Vaša narudžba za Webex kontakt centar spremna je za postavljanje',
  'invite.intro':
    'Vi ste kontakt za pružanje usluga za ovu narudžbu. Postavite je ovdje u nekoliko koraka; vaši se odgovori spremaju nakon svakog koraka.',
  'invite.deadline': 'Dovršite postavljanje do {date}, inače se stavka narudžbe zatvara.',

  'stale.title': 'Ova kartica više nije aktualna',
  'stale.body':
    'Kliknuli ste karticu iz ranijeg koraka. Postavljanje narudžbe {orderId} sada je na koraku {n} od {total}: {step}.',
  'stale.ended': 'Postavljanje narudžbe {orderId} već je završeno.',
  'stale.showCurrent': 'Prikaži trenutačni korak',

  'resumePrompt.title': 'Imate započeto postavljanje',
  'resumePrompt.body':
    'Narudžba {orderId} je na koraku {n} od {total}: {step}. Želite li nastaviti gdje ste stali ili početi ispočetka?',
  'resumePrompt.resume': 'Nastavi',

  'restartConfirm.title': 'Početi ispočetka?',
  'restartConfirm.body': 'Time se brišu vaši odgovori za narudžbu {orderId} i vraćate se na 1. korak.',
  'restartConfirm.yes': 'Da, počni ispočetka',
  'restartConfirm.no': 'Ne, zadrži moje odgovore',

  'saved.title': 'Napredak je spremljen',
  'saved.body':
    'Vaši su odgovori za narudžbu {orderId} spremljeni. Nastavite kad god želite: kliknite Nastavi postavljanje ili upišite resume.',
  'saved.draftKept':
    'Zadržano je i ono što ste upisali na posljednjoj kartici; provjerit ćemo to kada pošaljete taj korak.',

  'handoffNotice.title': 'Postavljanje je predano',
  'handoffNotice.body':
    'Postavljanje narudžbe {orderId} predali ste osobi {email}. Zamolili smo je da nastavi; vi ne morate ništa više učiniti.',

  'handoffInvite.title': 'Zamoljeni ste da postavite narudžbu za Webex kontakt centar',
  'handoffInvite.body':
    'Osoba {fromEmail} zamolila vas je da postavite narudžbu {orderId} za tvrtku {customerName}. Kliknite Nastavi postavljanje i nastavite ondje gdje je stala.',

  'attention.title': 'Obratite se svom predstavniku tvrtke Cisco',
  'attention.partner_org_incorrect': 'Naveli ste da podaci o partnerskoj organizaciji nisu točni.',
  'attention.customer_org_incorrect': 'Naveli ste da podaci o organizaciji korisnika nisu točni.',
  'attention.trial_expired': 'Probni period Webex kontakt centra na koji je narudžba mapirana je istekao.',
  'attention.next':
    'Vaš predstavnik tvrtke Cisco to može ispraviti. Postavljanje narudžbe {orderId} čeka do tada.',

  'success.title': 'Postavljanje narudžbe je dovršeno',
  'success.body': 'Narudžba {orderId} za tvrtku {customerName} je postavljena. Hvala!',
  'success.next.partnerFirst':
    'Dovršite postavljanje organizacije klijenta prije nego što administrativne zadatke kontakt centra predate administratorima klijenta.',
  'success.next.dataLocation':
    'Lokacija podataka kontakt centra zadano je regija {region}; možete je promijeniti u kartici Kontakt centar čarobnjaka za postavljanje.',

  'reminder.title': 'Podsjetnik: narudžba čeka postavljanje',
  'reminder.notStarted': 'Narudžba {orderId} za tvrtku {customerName} još nije postavljena.',
  'reminder.inProgress': 'Narudžba {orderId} za tvrtku {customerName} je na koraku {n} od {total}.',

  'upgrade.title': 'Molimo, započnite postavljanje ponovno',
  'upgrade.body':
    'Ažurirali smo postavljanje narudžbe i nismo mogli prenijeti vaše odgovore za narudžbu {orderId}. Ispričavamo se zbog neugodnosti: započnite ponovno.',

  'help.title': 'Što mogu učiniti',
  'help.intro': 'Upišite jednu od ovih naredbi:',
  'help.cmd.help': 'help: ovaj popis',
  'help.cmd.resume': 'resume: prikaži trenutačni korak postavljanja',
  'help.cmd.restart': 'restart: počni postavljanje ispočetka',
  'help.cmd.status': 'status: dokle je stiglo vaše postavljanje',
  'help.adminTitle': 'Naredbe za administratore',
  'help.cmd.adminStatus': 'status <ID narudžbe>: stanje i povijest narudžbe',
  'help.cmd.adminOrders': 'orders [status] [page N]: narudžbe, najnovija aktivnost prva',
  'help.cmd.adminAttention': 'attention: narudžbe koje trebaju nečiju pažnju, s razlogom',
  'help.cmd.adminReport': 'report: lijevak, koliko je narudžbi stiglo do kojeg koraka i gdje staju',
  'help.cmd.adminRemind': 'remind <ID narudžbe>: ponovno pošalji trenutačni korak vlasniku',
  'help.cmd.adminReassign': 'reassign <ID narudžbe> <e-pošta>: predaj postavljanje drugoj osobi',

  'error.required': 'Ovo polje je obavezno.',
  'error.invalid': 'Ova vrijednost nije valjana.',
  'error.textTooLong': 'Predugačko je: najviše 120 znakova.',
  'error.nameLink':
    'Uklonite poveznicu: upišite samo naziv tvrtke, bez web-adrese, bez [ ] iza kojih slijedi ( ) i bez < > oko nje.',
  'error.nameMention': 'Uklonite spominjanje (npr. <@all> ili <at>…</at>): upišite samo naziv tvrtke.',
  'error.nameHidden':
    'Naziv sadrži skrivene kontrolne znakove (npr. oznake smjera teksta). Ponovno upišite naziv.',
  'error.emailTooLong': 'Ova adresa e-pošte je predugačka.',
  'error.emailInvalid': 'Unesite valjanu adresu e-pošte, na primjer ime@primjer.hr.',
  'error.handoffSameAsOwner':
    'Ovo je vaša adresa. Unesite adresu e-pošte kolege ili odaberite Da, postavit ću.',
  'error.handoffOtherDomain': 'Osoba mora biti iz vaše tvrtke: koristite adresu na istoj domeni kao vaša.',
  'error.partnerAdminInAnotherOrg':
    'Ova adresa već pripada Webex organizaciji, a korisnik može pripadati samo jednoj u isto vrijeme. Koristite drugu adresu.',
  'error.customerAdminIsPartner': 'Ovo je adresa partnera. Unesite administratora korisnika.',
  'error.customerAdminNotTrialAdmin':
    'Ova je narudžba mapirana na probni period Webex kontakt centra: unesite adresu e-pošte administratora koja je korištena prilikom izrade probnog perioda.',
  'error.customerAdminInAnotherOrg':
    'Ova adresa već pripada drugoj Webex organizaciji, a korisnik može pripadati samo jednoj u isto vrijeme.',
  'error.countryNotAllowed': 'Odaberite zemlju s popisa.',
  'error.customerOrgNoneFound':
    'Za ovog administratora nije pronađena postojeća Webex organizacija. Odaberite Nova organizacija ili se vratite i provjerite adresu e-pošte administratora.',
  'error.customerOrgAdminHasOrg':
    'Administrator već pripada Webex organizaciji pa se za njega ne može kreirati nova. Odaberite Postojeća organizacija ili se vratite i promijenite administratora.',
  'error.customerOrgTrialNeedsExisting':
    'Ova je narudžba mapirana na probni period: odaberite Postojeća organizacija kako biste koristili organizaciju iz probnog perioda.',

  // Orders without names, the data residency of an existing organization, and who does what next.
  'role.introNoName': 'Postavimo narudžbu {orderId}. Jeste li partner ili kupac?',
  'handoffInvite.bodyNoName':
    'Osoba {fromEmail} zamolila vas je da postavite narudžbu {orderId}. Kliknite Nastavi postavljanje i nastavite ondje gdje je stala.',
  'reminder.notStartedNoName': 'Narudžba {orderId} još nije postavljena.',
  'reminder.inProgressNoName': 'Narudžba {orderId} je na koraku {n} od {total}.',
  'success.bodyNoName': 'Narudžba {orderId} je postavljena. Hvala!',
  'residency.keptByExistingOrg':
    '{name} je postojeća organizacija i zadržava svoju regiju rezidencije podataka, {region}. Lokacija podataka Webex kontakt centra zadano odgovara regiji zemlje rada, {ccRegion}; možete je promijeniti u kartici Kontakt centar čarobnjaka za postavljanje.',
  'success.whoTitle': 'Tko što radi sljedeće',
  'success.who.welcomeEmail':
    'Administrator korisnika, {email}, prima e-poruku dobrodošlice tvrtke Cisco: veza Započni u njoj postavlja lozinku i otvara Control Hub.',
  'success.who.wizardPartner':
    'Vi kao partner dovršavate čarobnjak za postavljanje usluga organizacije korisnika u Control Hubu (admin.webex.com), kao što je opisano u članku „Započnite s Webex kontakt centrom”.',
  'success.who.wizardCustomer':
    'Vi dovršavate čarobnjak za postavljanje usluga u Control Hubu (admin.webex.com) s računom administratora korisnika, kao što je opisano u članku „Započnite s Webex kontakt centrom”.',
  'success.openGuide': 'Započnite s Webex kontakt centrom',
  // Administrators' ways out of "needs attention"; a completion the directory refused.
  'help.cmd.adminResolve':
    'resolve <ID narudžbe>: nakon uklanjanja uzroka vrati postavljanje na njegov korak',
  'help.cmd.adminCancel': 'cancel <ID narudžbe> <razlog>: otkaži narudžbu, s razlogom',
  'help.cmd.adminClaims':
    'claims, approve <ID zahtjeva>, refuse <ID zahtjeva>: domene i adrese koje je postavljanje navelo, čekaju odobrenje',
  'error.customerAdminTakenMeanwhile':
    'Dok se postavljanje dovršavalo, ova je adresa dodana u drugu Webex organizaciju, a korisnik može pripadati samo jednoj u isto vrijeme. Unesite drugu adresu e-pošte administratora.',
};
