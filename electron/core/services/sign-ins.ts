/**
 * Who is signed in on which window connection. Sign-in lives with the connection (a WebSocket or an Electron
 * window), so closing the admin window signs the manager out; nothing about it is written to disk.
 */
import { CommandError } from '../../contract/result.js';
import type { Caller } from '../../contract/dispatch.js';

export interface SignedInUser {
  readonly userId: number;
  readonly username: string;
  readonly role: 'manager' | 'clerk';
}

export class SignIns {
  private readonly byConnection = new Map<string, SignedInUser>();

  signIn(connectionId: string, user: SignedInUser): void {
    this.byConnection.set(connectionId, user);
  }

  signOut(connectionId: string): void {
    this.byConnection.delete(connectionId);
  }

  /** Signs an account out of every window (it was disabled). */
  signOutUser(userId: number): void {
    for (const [connectionId, user] of this.byConnection) {
      if (user.userId === userId) this.byConnection.delete(connectionId);
    }
  }

  current(connectionId: string): SignedInUser | null {
    return this.byConnection.get(connectionId) ?? null;
  }

  /** The manager behind this call, or an `unauthenticated` error that tells the window to show the sign-in form. */
  requireManager(caller: Caller): SignedInUser {
    const user = this.byConnection.get(caller.connectionId);
    if (!user || user.role !== 'manager') {
      throw new CommandError('unauthenticated', 'Sign in as a manager first.');
    }
    return user;
  }
}
