import type { CatalogService } from '../../domain/catalog/catalog-service.js';
import type { DossierService } from '../../domain/dossier/dossier-service.js';
import type { IdentityService } from '../../domain/identity/identity-service.js';
import type { RatingService } from '../../domain/rating/rating-service.js';
import type { AppDeps } from '../app-deps.js';

/** What the citizen-flow screens use on top of AppDeps. Built in runtime/compose.ts. */
export interface FlowDeps extends AppDeps {
  identity: IdentityService;
  dossiers: DossierService;
  ratings: RatingService;
  /** The loaded catalog, or undefined while loading / when it failed (see catalogError). */
  catalog(): CatalogService | undefined;
  catalogError(): string | undefined;
}
