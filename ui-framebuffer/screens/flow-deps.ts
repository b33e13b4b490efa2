import type { CatalogService } from '../../runtime/catalog/catalog-service.js';
import type { DossierService } from '../../runtime/dossier/dossier-service.js';
import type { IdentityService } from '../../runtime/identity/identity-service.js';
import type { RatingService } from '../../runtime/rating/rating-service.js';
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
