// A made-up origin to resolve against: what matters is only whether the target stays on it.
const OWN_ORIGIN = 'https://sanad.invalid';

/**
 * A redirect target taken from the request (`?next=`): only a path on this site. The raw value
 * is refused outright when it holds anything a browser strips or reinterprets before resolving
 * it (control characters such as TAB, CR and LF, backslashes, whitespace), and what is left must
 * resolve against our own origin to our own origin. Returns the normalised path, or null.
 */
export function safeNextPath(next: string | undefined | null): string | null {
  if (!next || next.length > 2048) return null;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(next)) return null;
  if (!next.startsWith('/') || next.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(next, OWN_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== OWN_ORIGIN) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that normalises into `//host` would be read as another host by the browser.
  return path.startsWith('//') ? null : path;
}
