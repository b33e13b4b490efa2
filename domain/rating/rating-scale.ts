/** One answer on the rating screen; button 1 is the most satisfied, as read top to bottom. */
export interface RatingLevel {
  /** 1 (worst) .. levels (best); what is stored and sent. */
  score: number;
  vi: string;
  en: string;
}

/** Scales from ../shared/data/kiosk-conventions.md (ministry 5-level survey; 3-level kiosk practice). */
const FIVE: RatingLevel[] = [
  { score: 5, vi: 'Rất hài lòng', en: 'Very satisfied' },
  { score: 4, vi: 'Hài lòng', en: 'Satisfied' },
  { score: 3, vi: 'Bình thường', en: 'Neutral' },
  { score: 2, vi: 'Không hài lòng', en: 'Dissatisfied' },
  { score: 1, vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
];

const THREE: RatingLevel[] = [
  { score: 3, vi: 'Hài lòng', en: 'Satisfied' },
  { score: 2, vi: 'Bình thường', en: 'Neutral' },
  { score: 1, vi: 'Không hài lòng', en: 'Dissatisfied' },
];

/** The answers in screen order (button 1 first). */
export function ratingScale(levels: 3 | 5): RatingLevel[] {
  return levels === 5 ? FIVE : THREE;
}
