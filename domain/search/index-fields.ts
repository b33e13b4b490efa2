/** The procedure fields the index reads, with their BM25F weights: a name word counts most. */
export type FieldName = 'name' | 'result' | 'field' | 'documents' | 'steps' | 'conditions';

export interface FieldSpec {
  weight: number;
  /** BM25 length normalisation for this field (0 = none, 1 = full). */
  b: number;
}

export const FIELD_SPECS: Readonly<Record<FieldName, FieldSpec>> = {
  name: { weight: 6, b: 0.5 },
  result: { weight: 1.5, b: 0.5 },
  field: { weight: 1.5, b: 0.2 },
  documents: { weight: 0.6, b: 0.75 },
  steps: { weight: 0.25, b: 0.75 },
  conditions: { weight: 0.2, b: 0.75 },
};

/** The fields in index order (an entry's field index is its place here). */
export const FIELDS = Object.keys(FIELD_SPECS) as FieldName[];
/** Fields that make a term a title match (coverage, clarify). */
export const TITLE_FIELDS: ReadonlySet<FieldName> = new Set(['name', 'result', 'field']);
