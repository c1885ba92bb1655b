/** Where the JSON API lives on the web app's origin. */
export const API_BASE = '/api/v1';
