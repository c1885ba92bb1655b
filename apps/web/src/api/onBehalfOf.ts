/**
 * 委托代理 in the web app: a task of someone the reader stands in for links to its matter with
 * `?onBehalfOf=<their id>`; while the matter page has it, every command it sends carries the
 * header On-Behalf-Of. Pure, so the unit tests need no browser.
 */

/** The query parameter (the inbox's links carry it, libs/workflow my-tasks). */
export const ON_BEHALF_OF_PARAM = 'onBehalfOf';
/** The header the API reads on a matter command (apps/api matters.controller). */
export const ON_BEHALF_OF_HEADER = 'On-Behalf-Of';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The absent person's id a page address names, or null (none, or not an id: then the page acts in one's own name). */
export function onBehalfOfIn(search: URLSearchParams | string): string | null {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const value = params.get(ON_BEHALF_OF_PARAM)?.trim() ?? '';
  return UUID.test(value) ? value.toLowerCase() : null;
}

/** `link` with `?onBehalfOf=<id>` (or `&…`), keeping its other parameters and hash; unchanged when id is null or it has one. */
export function withOnBehalfOf(link: string, id: string | null | undefined): string {
  if (!id) return link;
  const hashAt = link.indexOf('#');
  const [path, hash] = hashAt < 0 ? [link, ''] : [link.slice(0, hashAt), link.slice(hashAt)];
  const queryAt = path.indexOf('?');
  const params = new URLSearchParams(queryAt < 0 ? '' : path.slice(queryAt + 1));
  if (params.has(ON_BEHALF_OF_PARAM)) return link;
  params.set(ON_BEHALF_OF_PARAM, id);
  return `${queryAt < 0 ? path : path.slice(0, queryAt)}?${params.toString()}${hash}`;
}

/** The headers of a command sent on behalf of `id` (none in one's own name). */
export const onBehalfOfHeaders = (id: string | null | undefined): Record<string, string> => (id ? { [ON_BEHALF_OF_HEADER]: id } : {});
