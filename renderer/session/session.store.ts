import { create } from 'zustand';
import type { Session } from '../../shared/contract/users.contract';

interface SessionState {
  session: Session | null;
  /** Set when the core stopped recognising the session (e.g. it restarted): the login pad says why. */
  expired: boolean;
  signIn: (session: Session) => void;
  signOut: () => void;
  expire: () => void;
  /** The logged-in user renamed themselves: the top bar shows the new name. */
  rename: (name: string) => void;
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: null,
  expired: false,
  signIn: (session) => set({ session, expired: false }),
  signOut: () => set({ session: null, expired: false }),
  expire: () => set({ session: null, expired: true }),
  rename: (name) => set((s) => (s.session ? { session: { ...s.session, user: { ...s.session.user, name } } } : {})),
}));

export function canManageCatalog(session: Session | null): boolean {
  return session?.user.role === 'admin' || session?.user.role === 'manager';
}
