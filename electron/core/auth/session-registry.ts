import { randomBytes } from 'node:crypto';
import type { UserSummary } from '../../../shared/contract/common.schemas';

/**
 * Logged-in users by opaque token. In memory on purpose: a restart of the app logs everyone out, and a copied
 * database file carries no live session.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, { user: UserSummary; lastSeenMs: number; checkedAt: string | null }>();

  constructor(
    private readonly nowMs: () => number,
    private readonly idleLimitMs = 12 * 60 * 60 * 1000,
  ) {}

  open(user: UserSummary): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { user, lastSeenMs: this.nowMs(), checkedAt: null });
    return token;
  }

  /** The user behind a token, or null when unknown or idle too long (then it is forgotten). */
  resolve(token: string | null | undefined): UserSummary | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    const now = this.nowMs();
    if (now - session.lastSeenMs > this.idleLimitMs) {
      this.sessions.delete(token);
      return null;
    }
    session.lastSeenMs = now;
    return session.user;
  }

  /** Whether the session's user was checked against the file as it was at `stamp` (see session-user.ts). */
  checkedAt(token: string, stamp: string): boolean {
    return this.sessions.get(token)?.checkedAt === stamp;
  }

  markChecked(token: string, stamp: string): void {
    const session = this.sessions.get(token);
    if (session) session.checkedAt = stamp;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of one user (deactivated, given another role, or their PIN reset). */
  closeUser(userId: string): void {
    for (const [token, session] of this.sessions) if (session.user.id === userId) this.sessions.delete(token);
  }

  /** Shows a user's new name in their open sessions. */
  rename(userId: string, name: string): void {
    for (const session of this.sessions.values()) {
      if (session.user.id === userId) session.user = { ...session.user, name };
    }
  }
}
