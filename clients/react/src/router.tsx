import { useEffect, useState } from 'react';

export type Route =
  | { page: 'ticket'; token: string }
  | { page: 'join'; queueId: string }
  | { page: 'display'; queueId: string }
  | { page: 'home' };

/** The app's three addresses: /t/<ticket token>, /j/<queue id>, /d/<queue id>. */
export function match(pathname: string): Route {
  const [, kind, value, extra] = pathname.split('/');
  if (value && extra === undefined) {
    const decoded = decodeURIComponent(value);
    if (kind === 't') return { page: 'ticket', token: decoded };
    if (kind === 'j') return { page: 'join', queueId: decoded };
    if (kind === 'd') return { page: 'display', queueId: decoded };
  }
  return { page: 'home' };
}

export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => match(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(match(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return route;
}
