import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Letters only Vietnamese writes (tone marks, ă â ê ô ơ ư đ): English text has none of them. */
export const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)));
}

/** The text of every string and template literal piece of a TypeScript file. */
function literals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A literal's Vietnamese pieces: split at placeholders ({name}) and line ends, trimmed of punctuation. */
function pieces(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\{\w+\}|\n/u)
    .map((p) => p.replace(/^[\s\p{P}\p{S}\d]+|[\s\p{P}\p{S}\d]+$/gu, ''))
    .filter((p) => VIETNAMESE_LETTER.test(p));
}

/**
 * The Vietnamese the kiosk's own code writes (its UI chrome): every Vietnamese piece of a string
 * literal in `paths` (files or folders of .ts), except phrases found in `data` (catalog names and
 * documents, form labels, sample values: content that stays Vietnamese in English).
 */
export function vietnameseChrome(paths: readonly string[], data: Iterable<string>): Set<string> {
  const corpus = [...data].map((d) => d.normalize('NFC').toLocaleLowerCase('vi')).join('\n');
  const inData = (p: string): boolean =>
    new RegExp(`(?<!\\p{L})${escape(p.toLocaleLowerCase('vi'))}(?!\\p{L})`, 'u').test(corpus);
  const found = new Set<string>();
  for (const path of paths)
    for (const file of sourceFiles(path).filter((f) => f.endsWith('.ts')))
      for (const literal of literals(file)) for (const p of pieces(literal)) found.add(p);
  // A phrase the data also has is content; a single word stays chrome (chromeLeaks looks at what
  // stands beside it).
  for (const p of found) if (/\s/u.test(p) && inData(p)) found.delete(p);
  return found;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * The pieces of `chrome` that `text` (what an English screen drew or said) contains as whole
 * words. A one-word piece counts only between non-words (numbers, punctuation, the ends) or
 * `english` words, so a Vietnamese word inside a catalog name ("Danh mục") is not UI chrome.
 */
export function chromeLeaks(text: string, chrome: Set<string>, english: Set<string>): string[] {
  const shown = text.normalize('NFC').replace(/…/gu, ' ');
  const found: string[] = [];
  for (const piece of chrome) {
    const oneWord = !/\s/u.test(piece);
    const re = new RegExp(`(?<!\\p{L})${escape(piece)}(?!\\p{L})`, 'giu');
    for (const m of shown.matchAll(re)) {
      if (oneWord) {
        const before = /(\p{L}+)[^\p{L}]*$/u.exec(shown.slice(0, m.index))?.[1];
        const after = /^[^\p{L}]*(\p{L}+)/u.exec(shown.slice(m.index + m[0].length))?.[1];
        const englishSide = (w: string | undefined): boolean =>
          w === undefined || english.has(w.toLowerCase());
        // "10 mục · 2.000815": numbers and separators around it; "quầy 1": an English word before.
        const gapBefore = /[^\p{L}]*$/u.exec(shown.slice(0, m.index))?.[0] ?? '';
        const gapAfter = /^[^\p{L}]*/u.exec(shown.slice(m.index + m[0].length))?.[0] ?? '';
        const apart = (gap: string): boolean => /[\d·:()]/u.test(gap);
        if (!(englishSide(before) || apart(gapBefore)) || !(englishSide(after) || apart(gapAfter))) continue;
      }
      found.push(piece);
      break;
    }
  }
  return found;
}

/** The English words of `texts` (ASCII letters only), lower case. */
export function englishWords(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const t of texts) for (const w of t.match(/[A-Za-z]+/gu) ?? []) words.add(w.toLowerCase());
  return words;
}
