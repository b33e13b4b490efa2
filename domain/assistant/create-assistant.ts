import type { Procedure } from '../catalog/procedure.js';
import type { ProcedureSearch } from '../catalog/search-types.js';
import { VietnameseProcedureSearch } from '../search/procedure-search.js';
import { AssistantDialogue } from './dialogue.js';
import { AssistantUnderstanding } from './understanding.js';

/** The assistant over one catalog: build once, then one dialogue per citizen session. */
export interface Assistant {
  readonly understanding: AssistantUnderstanding;
  /** A fresh conversation (one per session). */
  dialogue(): AssistantDialogue;
}

/**
 * Builds the assistant; reuses the catalog's search engine when it is the kiosk's own (no
 * second index), else indexes `procedures`.
 */
export function createAssistant(procedures: readonly Procedure[], search?: ProcedureSearch): Assistant {
  const engine =
    search instanceof VietnameseProcedureSearch && search.index.docs === procedures
      ? search
      : new VietnameseProcedureSearch(procedures);
  const understanding = new AssistantUnderstanding(engine);
  return { understanding, dialogue: () => new AssistantDialogue(understanding) };
}
