// Who is signed in, and the CSRF token their changes carry. The role decides what the desk
// shows; the API decides what is allowed.
import { createContext, useContext } from 'react';
import { api, csrfHeader, setCsrfToken, unwrap } from './api';
import { setDeskTimeZone } from './format';

export interface Session {
  subject: string;
  role: string;
  csrfToken: string;
  dueSoonDays: number;
  /** The provider's zone: a deadline's day is its date there, so the desk shows dates in it. */
  timeZone: string;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in desk');
  return session;
}

export async function loadSession(): Promise<Session> {
  const session = unwrap(await api.GET('/desk/session'));
  setCsrfToken(session.csrfToken);
  setDeskTimeZone(session.timeZone);
  return session;
}

export async function signOut(): Promise<void> {
  await fetch('/desk/sign-out', { method: 'POST', credentials: 'same-origin', headers: csrfHeader() });
  window.location.assign('/desk/sign-in');
}

/** Roles that may assign cases (the API's rule for POST /v1/cases/{id}/assignment). */
export const ASSIGNING_ROLES = ['case_handler', 'reviewer', 'admin'];
/** Roles that may read a customer's personal fields with a stated purpose. */
export const PERSONAL_DATA_ROLES = ['case_handler', 'reviewer', 'legal', 'admin'];
