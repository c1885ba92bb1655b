/**
 * The page's first script, kept tiny: it asks for what the page will need (the session, the
 * inbox counts every signed-in page shows, the matter on a matter page) and for the page's own
 * chunk, all at once, then loads the app. See api/prefetch.ts for how the answers are used.
 */
import { API_BASE } from './api/paths';
import { prefetch } from './api/prefetch';
import { loadCore, loadNamespace, storedLang } from './locales/bundles';

const path = window.location.pathname;
const matter = /^\/matters\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(path)?.[1];

if (path !== '/login') {
  prefetch(`${API_BASE}/me`);
  prefetch(`${API_BASE}/me/tasks`);
  if (matter) {
    for (const part of ['', '/actions', '/status']) prefetch(`${API_BASE}/matters/${matter}${part}`);
    for (const list of ['/units', '/batches', '/directory/users']) prefetch(`${API_BASE}${list}`);
  }
}

const lang = storedLang();
void loadCore(lang);

// the page's chunk (and strings) beside the app's, not after it (routes.tsx imports the same modules)
if (path === '/' || path === '/inbox') void import('./pages/inbox');
else if (matter) {
  void import('./pages/matter');
  void loadNamespace(lang, 'matter');
}

void import('./main');
