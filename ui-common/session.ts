import { api, ApiError } from './api.js';
import type { UserDto } from '../server/contract/dto.js';

/**
 * The staff pages' login session: the token is kept in sessionStorage (one per browser tab,
 * so two windows' consoles can run side by side) and sent as a bearer token; the server also
 * sets an http-only cookie.
 */
const KEY = 'hallq.token';
const EXPIRES = 'hallq.expiresAt';

/** when the saved session ends by itself (12 h after login), null when unknown */
export function savedExpiry(): Date | null {
  const iso = sessionStorage.getItem(EXPIRES);
  return iso ? new Date(iso) : null;
}

export function savedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export async function loginAs(username: string, password: string): Promise<{ token: string; user: UserDto }> {
  const result = await api<{ token: string; user: UserDto; expiresInSeconds?: number }>('/api/auth/login', { body: { username, password } });
  sessionStorage.setItem(KEY, result.token);
  // on this browser's clock, which need not agree with the server's
  if (result.expiresInSeconds) sessionStorage.setItem(EXPIRES, new Date(Date.now() + result.expiresInSeconds * 1000).toISOString());
  return result;
}

/** The user behind the saved token, or null when there is none or it has expired. */
export async function currentUser(): Promise<{ token: string; user: UserDto } | null> {
  const token = savedToken();
  if (!token) return null;
  try {
    const me = await api<{ user?: UserDto }>('/api/auth/me', { token });
    return me.user ? { token, user: me.user } : null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) sessionStorage.removeItem(KEY);
    return null;
  }
}

export async function logout(): Promise<void> {
  const token = savedToken();
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(EXPIRES);
  if (token) await api('/api/auth/logout', { token, method: 'POST' }).catch(() => {});
}
