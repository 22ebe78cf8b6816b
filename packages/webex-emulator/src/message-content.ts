import { badRequest } from './errors.js';
import type { PersonRecord } from './records.js';

/** Webex's limit for each of `text`, `markdown` and `html`. */
export const MAX_MESSAGE_BYTES = 7439;

export interface MessageContent {
  text?: string;
  markdown?: string;
  html?: string;
  mentionedPeople?: string[];
}

type FindPerson = (kind: 'personEmail' | 'personId', value: string) => PersonRecord | undefined;

const MENTION = /<@(personEmail|personId):([^|>\s]+)(?:\|([^>]*))?>/g;
const SPARK_MENTION =
  /<spark-mention\s+data-object-type="person"\s+data-object-id="([^"]+)"\s*>([\s\S]*?)<\/spark-mention>/g;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Throws Webex's 400 when a field is over the byte limit. */
export function checkSize(field: string, value: string | undefined): void {
  if (value === undefined) return;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_MESSAGE_BYTES) {
    throw badRequest(`${field}: must be at most ${MAX_MESSAGE_BYTES} bytes (is ${bytes})`);
  }
}

/** Plain text of markdown, as Webex derives `text` when only markdown is sent. */
function markdownToText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)(.+?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^>\s?/gm, '');
}

/** A small markdown → html, enough for clients to render and for mentions to appear as Webex shows them. */
function markdownToHtml(markdown: string): string {
  const inline = escapeHtml(markdown)
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '<a href="$2">$1</a>')
    .replace(/(\*\*|__)(.+?)\1/g, '<strong>$2</strong>')
    .replace(/(\*|_)(.+?)\1/g, '<em>$2</em>')
    .replace(/`([^`]*)`/g, '<code>$1</code>');
  return inline
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br/>')}</p>`)
    .join('');
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * What Webex stores for a posted message. Markdown mentions (`<@personEmail:a@b|Name>`,
 * `<@personId:ID|Name>`) become the name in `text`, a `<spark-mention>` in `html` and an id in
 * `mentionedPeople`; an `html` body's `<spark-mention>`s are read the same way. Plain `text` is
 * never parsed for mentions, as in Webex.
 */
export function composeContent(
  input: { text?: string | undefined; markdown?: string | undefined; html?: string | undefined },
  findPerson: FindPerson,
): MessageContent {
  checkSize('text', input.text);
  checkSize('markdown', input.markdown);
  checkSize('html', input.html);
  const mentioned: string[] = [];
  const mention = (person: PersonRecord) => {
    if (!mentioned.includes(person.id)) mentioned.push(person.id);
  };
  const out: MessageContent = {};
  if (input.markdown !== undefined) {
    const placeholders: string[] = [];
    let plain = input.markdown;
    const marked = input.markdown.replace(
      MENTION,
      (whole, kind: 'personEmail' | 'personId', value: string, name?: string) => {
        const person = findPerson(kind, value);
        if (person === undefined) return whole;
        mention(person);
        const label = name?.trim() || person.displayName;
        plain = plain.replace(whole, label);
        placeholders.push(
          `<spark-mention data-object-type="person" data-object-id="${person.id}">${escapeHtml(label)}</spark-mention>`,
        );
        return `\uE000${placeholders.length - 1}\uE000`;
      },
    );
    const html = markdownToHtml(marked).replace(
      /\uE000(\d+)\uE000/g,
      (_m, index: string) => placeholders[Number(index)] ?? '',
    );
    out.markdown = input.markdown;
    out.html = html;
    out.text = input.text ?? markdownToText(plain);
  } else if (input.html !== undefined) {
    for (const match of input.html.matchAll(SPARK_MENTION)) {
      const person = findPerson('personId', match[1] ?? '');
      if (person !== undefined) mention(person);
    }
    out.html = input.html;
    out.text = input.text ?? htmlToText(input.html);
  } else if (input.text !== undefined) {
    out.text = input.text;
  }
  if (mentioned.length > 0) out.mentionedPeople = mentioned;
  return out;
}
