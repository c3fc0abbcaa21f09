import { describe, expect, it } from 'vitest';
import { firstNameAndInitial, formatAgo, formatMoney, orderStatusSentence, samplesProgress } from './format.js';

describe('formatMoney', () => {
  it('turns integer cents into pounds with two decimals', () => {
    expect(formatMoney(1250)).toBe('£12.50');
  });

  it('uses the currency and locale it is given', () => {
    expect(formatMoney(199, { locale: 'en-US', currency: 'USD' })).toBe('$1.99');
  });
});

describe('formatAgo', () => {
  const arrived = '2025-03-01T10:00:00.000Z';
  const at = (iso: string): number => Date.parse(iso);

  it('says "just now" for the first seconds', () => {
    expect(formatAgo(arrived, at('2025-03-01T10:00:30.000Z'))).toBe('just now');
  });

  it('counts whole minutes', () => {
    expect(formatAgo(arrived, at('2025-03-01T10:02:10.000Z'))).toBe('2 min ago');
  });

  it('switches to hours and minutes after an hour', () => {
    expect(formatAgo(arrived, at('2025-03-01T11:05:00.000Z'))).toBe('1 h 5 min ago');
  });

  it('reads "just now" when the arrival lies in the future because of clock skew', () => {
    expect(formatAgo(arrived, at('2025-03-01T09:59:00.000Z'))).toBe('just now');
  });

  it('understands times with an offset', () => {
    expect(formatAgo('2025-03-01T11:00:00+01:00', at('2025-03-01T10:03:00.000Z'))).toBe('3 min ago');
  });
});

describe('orderStatusSentence', () => {
  it('tells the customer the order is being prepared', () => {
    expect(orderStatusSentence(1042, 'preparing')).toBe('Your order 1042 is being prepared');
  });

  it('sends the customer to the counter when the order is ready', () => {
    expect(orderStatusSentence(1042, 'ready')).toBe('Your order 1042 is ready for pickup at the counter');
  });

  it('thanks the customer once the order is collected', () => {
    expect(orderStatusSentence(7, 'collected')).toBe('Your order 7 is collected — thank you!');
  });
});

describe('names and progress', () => {
  it('shortens a name to first name and last initial', () => {
    expect(firstNameAndInitial('Anna', 'karlsson')).toBe('Anna K.');
  });

  it('leaves a first name alone when there is no last name', () => {
    expect(firstNameAndInitial('Cher', ' ')).toBe('Cher');
  });

  it('shows enrolment progress as "2 of 3 samples"', () => {
    expect(samplesProgress(2, 3)).toBe('2 of 3 samples');
  });
});
