/**
 * What clerks' "not this person" answers teach the matcher: each rejection of a customer raises the similarity
 * that customer must reach, by `step` per rejection up to `maxRaise`, so a customer who keeps being confused with
 * strangers is proposed only on clearer matches. Counts come from the stored rejections (match_rejections) at
 * start and follow each new one; erasure forgets them.
 */
import type { ReadableDb } from '../store/database.js';
import { rejectionCounts } from '../store/match-rejections.js';

export interface RejectionRule {
  /** Threshold raise per stored rejection of a customer. */
  readonly step: number;
  /** The most a customer's threshold is raised. */
  readonly maxRaise: number;
}

/** A rejection costs 0.02 of similarity (about a third of the gap between LFW's FAR 1e-2 and 1e-3 thresholds). */
export const DEFAULT_REJECTION_RULE: RejectionRule = { step: 0.02, maxRaise: 0.08 };

export class RejectionMemory {
  private readonly counts = new Map<string, number>();

  constructor(private readonly rule: RejectionRule = DEFAULT_REJECTION_RULE) {}

  static load(db: ReadableDb, rule: RejectionRule = DEFAULT_REJECTION_RULE): RejectionMemory {
    const memory = new RejectionMemory(rule);
    for (const { customerId, count } of rejectionCounts(db)) memory.counts.set(customerId, count);
    return memory;
  }

  record(customerId: string): void {
    this.counts.set(customerId, (this.counts.get(customerId) ?? 0) + 1);
  }

  forget(customerId: string): void {
    this.counts.delete(customerId);
  }

  rejections(customerId: string): number {
    return this.counts.get(customerId) ?? 0;
  }

  /**
   * How much higher than the model's threshold this customer's best score must be. The counts are the model's
   * business no more than the rule is: a model whose scores crowd closer together passes its own (matchRuleFor).
   */
  thresholdRaise(customerId: string, rule: RejectionRule = this.rule): number {
    return Math.min(rule.maxRaise, rule.step * this.rejections(customerId));
  }
}
