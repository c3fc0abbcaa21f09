/**
 * Callback lists the core calls after something happened in the database that other parts must follow:
 * an erasure (the cloud face collection and the sync backend must delete the person too) and a restore from a
 * backup (in-memory state such as the gallery must be rebuilt). Hooks run after the commit; one failing hook
 * is logged and does not stop the others or undo the change.
 */
import type { Logger } from '../logger.js';
import type { ErasureOutcome } from '../store/erasure.js';

export interface ErasedEvent {
  readonly customerId: string;
  /** 'erasure' (the manager erased the face data) or 'withdrawal' (the customer withdrew consent). */
  readonly reason: 'erasure' | 'withdrawal';
  readonly actor: string;
  readonly outcome: ErasureOutcome | null;
}

export interface RestoredEvent {
  /** The backup file name that is now the database's content. */
  readonly backup: string;
  /** Customers who had face templates before the restore (their gallery rows must go unless restored). */
  readonly enrolledBefore: readonly string[];
}

export type Hook<E> = (event: E) => void | Promise<void>;

export class HookList<E> {
  private readonly hooks = new Set<Hook<E>>();

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
  ) {}

  /** Adds a hook; returns a function that removes it. */
  add(hook: Hook<E>): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** Runs every hook in the order added, awaiting each; failures are logged, never thrown. */
  async notify(event: E): Promise<void> {
    for (const hook of [...this.hooks]) {
      try {
        await hook(event);
      } catch (error) {
        this.logger.error(`${this.name} hook failed`, {
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    }
  }
}

export interface CoreHooks {
  readonly erased: HookList<ErasedEvent>;
  readonly restored: HookList<RestoredEvent>;
}

export function createCoreHooks(logger: Logger): CoreHooks {
  return { erased: new HookList('erasure', logger), restored: new HookList('restore', logger) };
}
