/** The JSON API's prefix: every controller route sits under it (health and metrics excepted). */
export const API_PREFIX = 'api/v1';

/** The absolute path of an API resource, for Location headers: `apiPath('matters', id)`. */
export const apiPath = (...segments: Array<string | number>): string => `/${API_PREFIX}/${segments.join('/')}`;
