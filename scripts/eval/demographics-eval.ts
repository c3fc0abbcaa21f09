/**
 * Age and gender accuracy of an engine on labelled photos (CSV `file,age_group,gender`, paths relative to the
 * CSV; FairFace's age groups). Reports gender accuracy, age-group accuracy exact and within one group, overall and
 * per age group and per gender. The CLI is scripts/eval/demographics.ts; keys of `DemographicsResult` are stable.
 *
 * These estimates exist for this evaluation and for the aggregate audience figures a manager may turn on; nothing
 * here targets anyone.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FaceEngine } from '../../electron/core/vision/types.js';
import { embedPhoto } from './face-eval.js';

/** FairFace's age groups, youngest first (the order "within one group" counts in). */
export const AGE_GROUPS = ['0-2', '3-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export interface GroupFigures {
  readonly images: number;
  readonly detected: number;
  readonly gender_accuracy: number;
  readonly age_group_accuracy: number;
  readonly age_group_within_one: number;
}

export interface DemographicsResult extends GroupFigures {
  readonly by_group: {
    readonly age_group: Readonly<Record<string, GroupFigures>>;
    readonly gender: Readonly<Record<string, GroupFigures>>;
  };
}

export interface LabelledPhoto {
  readonly file: string;
  readonly ageGroup: AgeGroup;
  readonly gender: 'female' | 'male';
}

export function ageGroupOf(age: number): AgeGroup {
  if (age < 3) return '0-2';
  if (age < 10) return '3-9';
  if (age >= 70) return '70+';
  return AGE_GROUPS[Math.floor(age / 10) + 1] ?? '70+';
}

function isAgeGroup(value: string): value is AgeGroup {
  return (AGE_GROUPS as readonly string[]).includes(value);
}

/** Reads the labels; a bad row is an error naming the line and what is wrong with it. */
export async function readLabels(csvFile: string): Promise<LabelledPhoto[]> {
  const text = await readFile(csvFile, 'utf8').catch(() => {
    throw new Error(`Cannot read ${csvFile}: give a CSV with the columns file,age_group,gender.`);
  });
  const rows: unknown = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  if (!Array.isArray(rows)) throw new Error(`${csvFile} is not a CSV table.`);
  return rows.map((row: unknown, index): LabelledPhoto => {
    const line = index + 2;
    const record = (row ?? {}) as Record<string, unknown>;
    const file = typeof record.file === 'string' ? record.file : '';
    const ageGroup = typeof record.age_group === 'string' ? record.age_group : '';
    const gender = typeof record.gender === 'string' ? record.gender.toLowerCase() : '';
    if (!file) throw new Error(`${csvFile} line ${line}: no file (columns must be file,age_group,gender).`);
    if (!isAgeGroup(ageGroup)) {
      throw new Error(`${csvFile} line ${line}: age group '${ageGroup}' is not one of ${AGE_GROUPS.join(', ')}.`);
    }
    if (gender !== 'female' && gender !== 'male') {
      throw new Error(`${csvFile} line ${line}: gender '${gender}' is neither Female nor Male.`);
    }
    return { file: path.resolve(path.dirname(csvFile), file), ageGroup, gender };
  });
}

interface Outcome {
  readonly photo: LabelledPhoto;
  readonly predicted: { readonly ageGroup: AgeGroup; readonly gender: 'female' | 'male' } | null;
}

function figures(outcomes: readonly Outcome[]): GroupFigures {
  const detected = outcomes.filter((o) => o.predicted !== null);
  const share = (test: (o: Outcome) => boolean) =>
    detected.length > 0 ? Math.round((detected.filter(test).length / detected.length) * 10000) / 10000 : Number.NaN;
  const index = (g: AgeGroup) => AGE_GROUPS.indexOf(g);
  return {
    images: outcomes.length,
    detected: detected.length,
    gender_accuracy: share((o) => o.predicted?.gender === o.photo.gender),
    age_group_accuracy: share((o) => o.predicted?.ageGroup === o.photo.ageGroup),
    age_group_within_one: share(
      (o) => o.predicted !== null && Math.abs(index(o.predicted.ageGroup) - index(o.photo.ageGroup)) <= 1,
    ),
  };
}

export async function evaluateDemographics(options: {
  readonly labels: string;
  readonly engine: FaceEngine;
  readonly limit?: number;
  readonly progress?: (message: string) => void;
}): Promise<DemographicsResult> {
  const photos = (await readLabels(options.labels)).slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const outcomes: Outcome[] = [];
  for (const photo of photos) {
    const face = await embedPhoto(options.engine, photo.file);
    const predicted =
      face?.age !== undefined && face.gender !== undefined
        ? { ageGroup: ageGroupOf(face.age), gender: face.gender.label }
        : null;
    outcomes.push({ photo, predicted });
    if (outcomes.length % 25 === 0) options.progress?.(`${outcomes.length}/${photos.length} photos`);
  }
  const groupBy = (key: (o: Outcome) => string) => {
    const groups = new Map<string, Outcome[]>();
    for (const o of outcomes) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
    return Object.fromEntries([...groups].map(([k, v]) => [k, figures(v)]));
  };
  return {
    ...figures(outcomes),
    by_group: { age_group: groupBy((o) => o.photo.ageGroup), gender: groupBy((o) => o.photo.gender) },
  };
}
