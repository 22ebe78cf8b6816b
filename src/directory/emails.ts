/**
 * Email and domain helpers shared by every directory source. Webex treats addresses without regard
 * to case, so the directory stores and compares them trimmed and in lower case.
 */

/** `' Jane.Doe@Example.COM '` → `'jane.doe@example.com'`. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain of an address (after the last `@`), in lower case; `''` when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : normalizeEmail(email.slice(at + 1));
}

/**
 * Consumer mail services: anyone can have an address there, so such a domain can never identify a
 * partner organization (claiming it would make every one of their users a partner user).
 */
const PUBLIC_EMAIL_DOMAINS = new Set([
  '163.com',
  'aol.com',
  'gmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'googlemail.com',
  'hotmail.com',
  'icloud.com',
  'live.com',
  'mail.com',
  'mail.ru',
  'me.com',
  'msn.com',
  'outlook.com',
  'proton.me',
  'protonmail.com',
  'qq.com',
  'web.de',
  'yahoo.com',
  'yandex.ru',
  'zoho.com',
]);

/** True for well-known public mail domains (gmail.com, outlook.com, ...). */
export function isPublicEmailDomain(domain: string): boolean {
  return PUBLIC_EMAIL_DOMAINS.has(normalizeEmail(domain));
}
