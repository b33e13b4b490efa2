/** True for code points that must not travel in text: C0/C1 controls, surrogates, non-characters. */
function unsafe(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    (code & 0xfffe) === 0xfffe
  );
}

/** True when `text` holds a control character, a lone surrogate or a non-character. */
export function hasUnsafeChars(text: string): boolean {
  for (const ch of text) if (unsafe(ch.codePointAt(0) as number)) return true;
  return false;
}

/**
 * Text from input nobody vouched for (an unsigned MQTT payload, a manifest before its signature
 * is checked), made safe to log or report: control characters, lone surrogates and
 * non-characters replaced by U+FFFD, NFC, and at most `max` characters (cut with "…").
 */
export function untrustedText(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value : String(value);
  const chars: string[] = [];
  // iterating a string yields whole code points, and a lone surrogate on its own
  for (const ch of text.length > max * 2 ? text.slice(0, max * 2) : text) {
    chars.push(unsafe(ch.codePointAt(0) as number) ? '\ufffd' : ch);
    if (chars.length > max) break;
  }
  const clean = chars.join('').normalize('NFC');
  const out = [...clean];
  return out.length > max ? `${out.slice(0, max - 1).join('')}…` : clean;
}
