/** Types of `markdown.js` for the tests that render what the local client shows. */
export function markdownToHtml(text: string): string;
