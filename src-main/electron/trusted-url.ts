/**
 * Which URLs the desk trusts, as small pure predicates (Actual Budget's trusted-url and
 * external-links). The renderer is served from the custom scheme `app://desk/` (never file://),
 * so "our page" is exactly that origin; everything else is foreign.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const parse = (value: unknown): URL | null => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

/** A page of the desk itself: `app://desk/…`, nothing that merely looks like it. */
export const isAppUrl = (value: unknown): boolean => {
  const url = parse(value);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.startsWith('/')
  );
};

/**
 * The normalised address of a link that may go to the system browser (http or https with a host,
 * no credentials in it), or null. The caller opens the returned string, never the raw input.
 */
export const externalHttpUrl = (value: unknown): string | null => {
  const url = parse(value);
  if (url === null) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
};

/** Opens `value` in the system browser when it is a plain http(s) link; says whether it did. */
export const openExternalLink = async (value: unknown, open: (url: string) => Promise<void>): Promise<boolean> => {
  const url = externalHttpUrl(value);
  if (url === null) return false;
  await open(url);
  return true;
};
