import { describe, expect, it } from 'vitest';
import { IdentityVotes } from './identity-votes.js';

const vote = (customerId: string, score = 0.8) => ({ customerId, score });

describe('IdentityVotes', () => {
  it('decides only after three consecutive frames agree', () => {
    const votes = new IdentityVotes({ framesToAgree: 3, maxFramesUndecided: 10 });
    expect(votes.add(vote('anna')).kind).toBe('pending');
    expect(votes.add(vote('anna')).kind).toBe('pending');
    const outcome = votes.add(vote('anna', 0.7));
    expect(outcome).toEqual({ kind: 'decided', customerId: 'anna', score: 0.7 });
  });

  it('does not decide when a frame in between matched nobody or someone else', () => {
    const votes = new IdentityVotes({ framesToAgree: 3, maxFramesUndecided: 10 });
    votes.add(vote('anna'));
    votes.add(null);
    votes.add(vote('anna'));
    expect(votes.add(vote('ben')).kind).toBe('pending');
    votes.add(vote('anna'));
    expect(votes.add(vote('anna')).kind).toBe('pending');
    expect(votes.add(vote('anna')).kind).toBe('decided');
  });

  it('gives up on a stranger after the frame budget', () => {
    const votes = new IdentityVotes({ framesToAgree: 3, maxFramesUndecided: 4 });
    for (let i = 0; i < 3; i += 1) expect(votes.add(null).kind).toBe('pending');
    expect(votes.add(null).kind).toBe('gave_up');
    expect(votes.add(vote('anna')).kind).toBe('gave_up');
  });
});
