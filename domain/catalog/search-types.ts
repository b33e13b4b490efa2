/**
 * What the kiosk does with a citizen's query: answer (one best procedure), clarify (several
 * plausible ones to choose from) or apologize (nothing fits).
 */
export type SearchBehavior = 'answer' | 'clarify' | 'apologize';

export interface SearchHit {
  code: string;
  name: string;
  score: number;
}

export interface SearchOutcome {
  behavior: SearchBehavior;
  /**
   * Best first. For apologize these are the weak matches that were found (possibly none): a
   * screen must not present them as answers, at most as "related procedures".
   */
  results: SearchHit[];
}

/** Vietnamese procedure search (diacritics-insensitive, Telex/VNI, abbreviations, typos). */
export interface ProcedureSearch {
  search(query: string, options?: { limit?: number }): SearchOutcome;
}
