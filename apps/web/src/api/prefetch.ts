/**
 * Reads started before the app's code has loaded (src/boot.ts), handed to the first request for
 * the same URL. A cold page otherwise waits for its JavaScript, then for `/me`, then for its
 * route's chunk, and only then asks for its data; started here, all of them travel at once.
 *
 * A prefetched answer is used once, only within FRESH_MS of being asked for, and never across a
 * sign-in (the person may have changed): it stands for the first read of the page, nothing more.
 */
const FRESH_MS = 10_000;
const ACCEPT = 'application/json, application/problem+json';

interface Pending {
  response: Promise<Response>;
  at: number;
}
const pending = new Map<string, Pending>();

export function prefetch(url: string): void {
  if (pending.has(url)) return;
  const response = fetch(url, { headers: { Accept: ACCEPT }, credentials: 'same-origin' });
  // a failure is the later reader's to report, not an unhandled rejection now
  response.catch(() => undefined);
  pending.set(url, { response, at: performance.now() });
}

/** The answer to a GET of `url` started early, if there is one still fresh. */
export function takePrefetched(url: string): Promise<Response> | undefined {
  const p = pending.get(url);
  if (!p) return undefined;
  pending.delete(url);
  return performance.now() - p.at <= FRESH_MS ? p.response : undefined;
}

export function dropPrefetched(): void {
  pending.clear();
}
