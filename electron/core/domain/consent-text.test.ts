import { describe, expect, it } from 'vitest';
import { ConsentText } from '../../contract/dto.js';
import { consentTextFor, CURRENT_CONSENT_VERSION, currentConsentText } from './consent-text.js';

describe('consent text', () => {
  it('is version v1-2026-11 and fits the ConsentText DTO', () => {
    expect(CURRENT_CONSENT_VERSION).toBe('v1-2026-11');
    expect(ConsentText.parse(currentConsentText())).toEqual(currentConsentText());
  });

  it('says what is stored, why, for how long and how to withdraw, in plain words', () => {
    const { text } = currentConsentText();
    expect(text).toMatch(/numbers .* not the photos/i);
    expect(text).toMatch(/small picture of your face, shown to our staff/i);
    expect(text).toMatch(/greet you/i);
    expect(text).toMatch(/pickup order/i);
    expect(text).toMatch(/Until you withdraw/i);
    expect(text).toMatch(/delete/i);
    expect(text).toMatch(/How to withdraw/);
    expect(text).toMatch(/never identified/i);
  });

  it('returns old versions by name and null for unknown ones', () => {
    expect(consentTextFor(CURRENT_CONSENT_VERSION)).toEqual(currentConsentText());
    expect(consentTextFor('v0-unknown')).toBeNull();
    expect(consentTextFor('toString')).toBeNull();
  });
});
