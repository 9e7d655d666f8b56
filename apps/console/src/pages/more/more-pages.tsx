import type { ConsolePage } from '../../app/pages';

/** The pages beyond the core flow (procurement, supervision, evaluation), added group by group. */
export const MORE_PAGES: ConsolePage[] = [];
