import { findPhrase } from './question-text.js';

/**
 * Everyday words that imply an official qualifier the citizen does not say: a foreign spouse
 * ("chồng em là người Hàn") means "có yếu tố nước ngoài"; a diploma to copy means "chứng thực
 * bản sao từ bản chính". Each entry: folded citizen phrases → the official phrase added to the
 * question before it is ranked.
 */
const IMPLIED: ReadonlyArray<readonly [readonly string[], string]> = [
  [
    [
      'nguoi han',
      'han quoc',
      'trung quoc',
      'nguoi trung',
      'nguoi nhat',
      'nhat ban',
      'nguoi lao',
      'ben lao',
      'nuoc lao',
      'campuchia',
      'dai loan',
      'nguoi my',
      'nguoi uc',
      'nguoi phap',
      'nguoi duc',
      'nguoi anh',
      'nguoi tay',
      'viet kieu',
      'nuoc ngoai',
      'ngoai quoc',
      'quoc tich khac',
    ],
    'có yếu tố nước ngoài',
  ],
  [['bang tot nghiep', 'hoc ba', 'bang cap', 'van bang', 'bang dai hoc'], 'chứng thực bản sao từ bản chính'],
  [['xay them tang', 'nang tang', 'coi noi', 'sua lai nha'], 'giấy phép xây dựng sửa chữa cải tạo'],
];

/** The question with the official phrases its everyday words imply appended. */
export function withImpliedWording(question: string, words: readonly string[]): string {
  const added: string[] = [];
  for (const [phrases, official] of IMPLIED) {
    if (phrases.some((p) => findPhrase(words, p.split(' ')) >= 0)) added.push(official);
  }
  return added.length ? `${question} (${added.join(', ')})` : question;
}
