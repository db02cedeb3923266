/** Builds the app's dependencies from settings: the same for Lambda, the local server and tests. */
import type { Db } from './store/dynamo.ts';
import { createStores, type Deps, type Work } from './deps.ts';
import { SurveyPublisher, type PublicFiles } from './store/public-surveys.ts';
import { buildPublicDeps, settingsDb, type PublicSettings } from './public-runtime.ts';

export interface RuntimeSettings extends PublicSettings {
  work?: Work;
  /** Where surveys' public files go (the widget's bucket); absent: none is written. */
  publicFiles?: PublicFiles;
}

export function buildDeps(
  s: RuntimeSettings,
  db: Db = settingsDb(s),
  /** The stores, when the work queue's worker shares them. */
  stores = createStores(db),
): Deps {
  return {
    ...buildPublicDeps(s, db, stores),
    ...(s.work ? { work: s.work } : {}),
    ...(s.publicFiles ? { publisher: new SurveyPublisher(s.publicFiles, stores.surveys) } : {}),
  };
}
