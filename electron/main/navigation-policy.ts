import { isAppOriginUrl } from '../core/static/app-origin';

/**
 * Whether the window may navigate or be redirected to `url`: only within our own `app://` origin. Everything
 * else (a link in a product description, a dropped file, a redirect) is refused; the app never opens the web.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppOriginUrl(url);
}
