/** What is wrong with the punctuation of a sentence said or shown, if anything. */
export function slips(text: string): string[] {
  const found: string[] = [];
  if (/(?<!\.)\.\.(?!\.)/u.test(text)) found.push('double full stop');
  if (/[.!?:;,]\s+[.!?]/u.test(text)) found.push('punctuation after punctuation');
  if (/\s[.,;:!?](?!\d)/u.test(text)) found.push('space before punctuation');
  if ((text.match(/"/gu) ?? []).length % 2 !== 0) found.push('unmatched "');
  if ((text.match(/“/gu) ?? []).length !== (text.match(/”/gu) ?? []).length) found.push('mismatched “ ”');
  if (/“[^”]*"|"[^"“”]*”/u.test(text)) found.push('mixed quotes');
  return found;
}
