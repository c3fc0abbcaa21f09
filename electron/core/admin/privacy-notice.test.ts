import { describe, expect, it } from 'vitest';
import { buildPrivacyNotice } from './privacy-notice.js';
import { defaultPrivacySettings } from './privacy-settings.js';

const text = (notice: ReturnType<typeof buildPrivacyNotice>): string =>
  notice.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');

describe('the privacy notice', () => {
  it('states the retention, the working hours and how to withdraw, from the current settings', () => {
    const settings = {
      ...defaultPrivacySettings('Europe/Berlin'),
      retention: { visitsDays: 90, aggregatesDays: 730, auditDays: 365 },
      contact: 'privacy@corner.example',
    };
    settings.workingHours.days.sun = null;
    const notice = buildPrivacyNotice(settings, 'Corner Market', '2026-11-20T09:00:00.000Z');
    const body = text(notice);
    expect(notice.title).toBe('Cameras and face recognition at Corner Market');
    expect(body).toContain('Records of your visits are deleted after 3 months.');
    expect(body).toContain('Visitor counts per hour are deleted after 2 years.');
    expect(body).toContain('kept for one year');
    expect(body).toContain('Mon–Sat all day; Sun closed, Europe/Berlin time');
    expect(body).toContain('contact privacy@corner.example');
    expect(body).toContain('you are not identified');
  });

  it('mentions audience estimates only when they are on', () => {
    const off = text(buildPrivacyNotice(defaultPrivacySettings('UTC'), 'S', '2026-11-20T09:00:00.000Z'));
    const on = text(
      buildPrivacyNotice(
        { ...defaultPrivacySettings('UTC'), audienceEstimates: true },
        'S',
        '2026-11-20T09:00:00.000Z',
      ),
    );
    expect(off).not.toMatch(/age group/);
    expect(on).toMatch(/age group, gender and facial expression/);
    expect(on).toMatch(/not used to choose offers/);
  });

  it('is also a standalone printable page with the store name escaped', () => {
    const notice = buildPrivacyNotice(defaultPrivacySettings('UTC'), 'Bits & <Bobs>', '2026-11-20T09:00:00.000Z');
    expect(notice.html).toMatch(/^<!doctype html>/);
    expect(notice.html).toContain('Bits &#38; &#60;Bobs&#62;');
    expect(notice.html).not.toContain('<Bobs>');
    expect(notice.html).not.toMatch(/<script/i);
  });
});
