import { InitialSchema1763769600000 } from './1763769600000-initial-schema.js';

/** Every migration, in order. Listed explicitly: ES modules cannot glob-load them. */
export const MIGRATIONS = [InitialSchema1763769600000];
