/**
 * The privacy notice for the store's entrance, in plain language, generated from the settings in force: what the
 * camera does, what is recognised and by whom, what is kept and for how long, the hours the camera analyses,
 * and how to withdraw. The admin window shows and prints it; `html` is the same notice as a standalone page.
 */
import type { PrivacyNotice, PrivacySettings } from '../../contract/admin-dto.js';
import { describeWorkingHours } from './working-hours.js';

function days(n: number): string {
  if (n % 365 === 0) return n === 365 ? 'one year' : `${n / 365} years`;
  if (n % 30 === 0 && n >= 60) return `${n / 30} months`;
  return n === 1 ? '1 day' : `${n} days`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function buildPrivacyNotice(settings: PrivacySettings, storeName: string, generatedAt: string): PrivacyNotice {
  const { retention, workingHours } = settings;
  const hours = describeWorkingHours(workingHours);
  const contact = settings.contact.trim();
  const title = `Cameras and face recognition at ${storeName}`;
  const sections: PrivacyNotice['sections'] = [
    {
      heading: 'What the camera at the entrance does',
      paragraphs: [
        'It counts how many people come in.',
        'It recognises only customers who signed up for it and gave their written consent, so that their pickup order is ready and we can greet them.',
        'If you did not sign up, you are not identified: no picture, video or face data of you is kept. You are only counted.',
        ...(settings.audienceEstimates
          ? [
              'We also estimate age group, gender and facial expression of visitors, and keep only hourly totals (for example "12 visitors aged 25–34"). These estimates are never stored for a single person and are not used to choose offers for you.',
            ]
          : []),
      ],
    },
    {
      heading: 'When it works',
      paragraphs: [
        `The camera analyses pictures only during our working hours (${hours}, ${workingHours.timeZone} time). Outside them nothing is analysed.`,
        'Pictures are analysed on the store computer and are not recorded.',
      ],
    },
    {
      heading: 'What we keep, and for how long',
      paragraphs: [
        'For customers who signed up: your consent, face templates (numbers calculated from photos taken at sign-up, not the photos), a small photo for our staff only if you agreed to it, and the times you were recognised here.',
        `Records of your visits are deleted after ${days(retention.visitsDays)}.`,
        `Visitor counts per hour are deleted after ${days(retention.aggregatesDays)}.`,
        `Our record of what staff did with this system (for example who enrolled or erased someone) is kept for ${days(retention.auditDays)}.`,
      ],
    },
    {
      heading: 'How to withdraw',
      paragraphs: [
        contact === ''
          ? 'You can withdraw your consent at any time: ask at the counter.'
          : `You can withdraw your consent at any time: ask at the counter or contact ${contact}.`,
        'We then delete your face templates, your photo and your visit records at once. You will no longer be recognised; your purchases and orders are not affected.',
      ],
    },
  ];
  const body = sections
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:42em;margin:2em auto;color:#111}h1{font-size:1.8em}h2{font-size:1.2em;margin-top:1.4em}footer{margin-top:2em;font-size:.8em;color:#555}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
<footer>Generated on ${escapeHtml(generatedAt.slice(0, 10))} from the store's current settings.</footer>
</body></html>
`;
  return { title, sections, html, generatedAt };
}
