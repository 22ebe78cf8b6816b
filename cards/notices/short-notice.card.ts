import type { Locale } from '../../flows/order-setup.schemas.js';
import type { CardMessage } from '../adaptive-card.types.js';
import { createCard, heading, paragraph } from '../card-kit.js';
import { interpolate, type Params } from '../i18n/translate.js';

/** One-line answers outside the steps: who may act, closed orders, words the bot did not understand. */
export const SHORT_NOTICE_KINDS = [
  'staleCard',
  'notOwner',
  'notYourOrder',
  'orderClosed',
  'alreadyDone',
  'saved',
  'unreadableCard',
  'unknownOrder',
  'notUnderstood',
  'noSetup',
  'restartCancelled',
  'setupMovedAway',
  'tryAgain',
  'setupReset',
  'completionFailed',
  'answerShortly',
  'clickAgain',
  'attentionResolved',
  'missedWhileAway',
] as const;
export type ShortNoticeKind = (typeof SHORT_NOTICE_KINDS)[number];

type Catalog = Record<ShortNoticeKind, { title: string; body: string }>;

const en: Catalog = {
  staleCard: {
    title: 'That card is out of date',
    body: 'The setup has moved on since. Here is where it stands now.',
  },
  notOwner: {
    title: 'This setup is not yours to change',
    body: 'Only the person setting up this order can answer its cards. Nothing was changed.',
  },
  notYourOrder: {
    title: 'No order found',
    body: 'I could not find an order for you with that reference. Check the invitation, or ask your Cisco representative.',
  },
  orderClosed: {
    title: 'This order is closed',
    body: 'This order can no longer be set up (it is {status}). Contact your Cisco representative if that is wrong.',
  },
  alreadyDone: {
    title: 'This setup has ended',
    body: 'There is nothing more to do here. Type **help** to see what I can do.',
  },
  saved: {
    title: 'Progress saved',
    body: 'Everything you entered is saved. Type **resume** whenever you want to go on.',
  },
  unreadableCard: {
    title: 'I could not read that card',
    body: 'Type **resume** and I will send the current step again.',
  },
  unknownOrder: { title: 'No setup found', body: 'I have no setup in progress for that order.' },
  notUnderstood: {
    title: 'I did not understand that',
    body: 'I help set up Webex Contact Center orders. Type **help** to see what I can do.',
  },
  noSetup: {
    title: 'No setup in progress',
    body: 'You have no order setup in progress. When an order is ready for you, I will send you an invitation.',
  },
  restartCancelled: {
    title: 'Nothing was changed',
    body: 'Your answers are kept. Here is the current step.',
  },
  setupMovedAway: {
    title: 'This setup was handed over',
    body: '{owner} is setting up this order now. Ask them, or your administrator, if it should come back to you.',
  },
  tryAgain: { title: 'Something went wrong', body: 'Nothing was lost. Please try again in a moment.' },
  setupReset: {
    title: 'The setup starts again',
    body: 'The bot was updated and could not continue your saved setup. Sorry: please start again from step 1.',
  },
  completionFailed: {
    title: 'The setup could not be finished',
    body: 'Part of the details of order {orderId} could not be recorded in Webex, for example an email address or domain that already belongs to another Webex organization. Your Cisco representative has been told and will contact you; nothing else is needed from you now.',
  },
  answerShortly: {
    title: 'One moment, please',
    body: 'I got your answer but cannot save it right now. I will take it and answer shortly; no need to send it again.',
  },
  clickAgain: {
    title: 'Please send that again',
    body: 'I could not save your last answer in time. Please click the button (or type your message) again.',
  },
  attentionResolved: {
    title: 'The issue was resolved',
    body: 'Your Cisco representative has resolved the issue with order {orderId}. Here is the step again; your answers are kept.',
  },
  missedWhileAway: {
    title: 'I may have missed your answer',
    body: 'I could not receive what you sent between {from} and {until} ({timeZone}). If you clicked a button then, please click it again: here is where your setup of order {orderId} stands.',
  },
};

const hr: Catalog = {
  staleCard: {
    title: 'Ta je kartica zastarjela',
    body: 'Postavljanje je u međuvremenu napredovalo. Evo gdje je sada.',
  },
  notOwner: {
    title: 'Ovo postavljanje ne možete mijenjati',
    body: 'Na kartice ove narudžbe može odgovarati samo osoba koja je postavlja. Ništa nije promijenjeno.',
  },
  notYourOrder: {
    title: 'Narudžba nije pronađena',
    body: 'Nisam pronašao narudžbu za vas s tom oznakom. Provjerite pozivnicu ili se obratite predstavniku tvrtke Cisco.',
  },
  orderClosed: {
    title: 'Ova je narudžba zatvorena',
    body: 'Ovu narudžbu više nije moguće postaviti (status: {status}). Ako to nije točno, obratite se predstavniku tvrtke Cisco.',
  },
  alreadyDone: {
    title: 'Ovo je postavljanje završeno',
    body: 'Ovdje više nema ništa za napraviti. Upišite **pomoć** za popis naredbi.',
  },
  saved: {
    title: 'Napredak je spremljen',
    body: 'Sve što ste unijeli je spremljeno. Upišite **nastavi** kad želite nastaviti.',
  },
  unreadableCard: {
    title: 'Nisam mogao pročitati tu karticu',
    body: 'Upišite **nastavi** i ponovno ću poslati trenutačni korak.',
  },
  unknownOrder: { title: 'Postavljanje nije pronađeno', body: 'Za tu narudžbu nema postavljanja u tijeku.' },
  notUnderstood: {
    title: 'Nisam razumio',
    body: 'Pomažem postaviti narudžbe za Webex Contact Center. Upišite **pomoć** za popis naredbi.',
  },
  noSetup: {
    title: 'Nema postavljanja u tijeku',
    body: 'Nemate postavljanje narudžbe u tijeku. Kad narudžba bude spremna za vas, poslat ću vam pozivnicu.',
  },
  restartCancelled: {
    title: 'Ništa nije promijenjeno',
    body: 'Vaši su odgovori sačuvani. Evo trenutačnog koraka.',
  },
  setupMovedAway: {
    title: 'Postavljanje je predano',
    body: '{owner} sada postavlja ovu narudžbu. Ako ga treba vratiti vama, obratite se toj osobi ili administratoru.',
  },
  tryAgain: { title: 'Nešto nije u redu', body: 'Ništa nije izgubljeno. Pokušajte ponovno za trenutak.' },
  setupReset: {
    title: 'Postavljanje počinje ispočetka',
    body: 'Bot je ažuriran i nije mogao nastaviti spremljeno postavljanje. Ispričavamo se: počnite ponovno od 1. koraka.',
  },
  completionFailed: {
    title: 'Postavljanje nije moguće dovršiti',
    body: 'Dio podataka narudžbe {orderId} nije bilo moguće zabilježiti u Webexu, na primjer adresu e-pošte ili domenu koja već pripada drugoj organizaciji Webex. Vaš je predstavnik tvrtke Cisco obaviješten i javit će vam se; od vas sada ništa drugo nije potrebno.',
  },
  answerShortly: {
    title: 'Trenutak, molim',
    body: 'Primio sam vaš odgovor, ali ga trenutačno ne mogu spremiti. Preuzet ću ga i uskoro odgovoriti; ne trebate ga slati ponovno.',
  },
  clickAgain: {
    title: 'Pošaljite to ponovno',
    body: 'Vaš posljednji odgovor nisam uspio spremiti na vrijeme. Kliknite gumb (ili upišite poruku) ponovno.',
  },
  attentionResolved: {
    title: 'Problem je riješen',
    body: 'Vaš je predstavnik tvrtke Cisco riješio problem s narudžbom {orderId}. Evo ponovno koraka; vaši su odgovori sačuvani.',
  },
  missedWhileAway: {
    title: 'Možda nisam primio vaš odgovor',
    body: 'Nisam mogao primiti ono što ste poslali između {from} i {until} ({timeZone}). Ako ste tada kliknuli gumb, kliknite ga ponovno: evo gdje je postavljanje narudžbe {orderId}.',
  },
};

export const SHORT_NOTICE_CATALOGS: Readonly<Record<Locale, Catalog>> = { en, hr };

/** A short notice as a card with its text fallback. */
export function renderShortNotice(kind: ShortNoticeKind, locale: Locale, params: Params = {}): CardMessage {
  const entry = SHORT_NOTICE_CATALOGS[locale][kind];
  const title = interpolate(entry.title, params);
  const body = interpolate(entry.body, params);
  return { card: createCard([heading(title), paragraph(body)]), text: `${title}\n\n${body}` };
}
