/**
 * Decides who a track is only when several consecutive frames agree, the guard against a single lucky
 * match that comparable systems are criticised for. Pure state per track.
 */

export interface VoteOptions {
  /** Consecutive agreeing frames needed before deciding. */
  readonly framesToAgree: number;
  /** After this many frames without a decision the track is treated as a stranger and no longer embedded. */
  readonly maxFramesUndecided: number;
}

export const DEFAULT_VOTES: VoteOptions = { framesToAgree: 3, maxFramesUndecided: 25 };

export type Vote = { readonly customerId: string; readonly score: number } | null;

export type VoteOutcome =
  | { readonly kind: 'pending' }
  | { readonly kind: 'decided'; readonly customerId: string; readonly score: number }
  | { readonly kind: 'gave_up' };

export class IdentityVotes {
  private readonly recent: Vote[] = [];
  private frames = 0;
  private outcome: VoteOutcome = { kind: 'pending' };

  constructor(private readonly options: VoteOptions = DEFAULT_VOTES) {}

  get state(): VoteOutcome {
    return this.outcome;
  }

  /** Decides from an answer given elsewhere (the cloud, in "cloud only" mode). Decisions are final. */
  decide(customerId: string, score: number): VoteOutcome {
    if (this.outcome.kind === 'pending') this.outcome = { kind: 'decided', customerId, score };
    return this.outcome;
  }

  /** Adds one frame's vote (null = nobody matched) and returns the outcome so far. Decisions are final. */
  add(vote: Vote): VoteOutcome {
    if (this.outcome.kind !== 'pending') return this.outcome;
    this.frames += 1;
    this.recent.push(vote);
    if (this.recent.length > this.options.framesToAgree) this.recent.shift();
    const first = this.recent[0];
    if (
      first &&
      this.recent.length === this.options.framesToAgree &&
      this.recent.every((v) => v !== null && v.customerId === first.customerId)
    ) {
      const score = Math.min(...this.recent.map((v) => (v ? v.score : 0)));
      this.outcome = { kind: 'decided', customerId: first.customerId, score };
    } else if (this.frames >= this.options.maxFramesUndecided) {
      this.outcome = { kind: 'gave_up' };
    }
    return this.outcome;
  }
}
