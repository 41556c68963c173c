import { api, ApiError } from './api.js';
import type { UserDto } from '../server/contract/dto.js';

/**
 * The staff pages' login session: the token is kept in sessionStorage (one per browser tab,
 * so two windows' consoles can run side by side) and sent as a bearer token; the server also
 * sets an http-only cookie.
 */
const KEY = 'hallq.token';

export function savedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export async function loginAs(username: string, password: string): Promise<{ token: string; user: UserDto }> {
  const result = await api<{ token: string; user: UserDto }>('/api/auth/login', { body: { username, password } });
  sessionStorage.setItem(KEY, result.token);
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
  if (token) await api('/api/auth/logout', { token, method: 'POST' }).catch(() => {});
}
