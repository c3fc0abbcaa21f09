/**
 * Customers and their summaries for the admin window: name, e-mail, whether they are enrolled in
 * face recognition, how many templates are stored (per face model) and their current consent.
 */
import { randomUUID } from 'node:crypto';
import type { CustomerSummary } from '../../contract/dto.js';
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface Customer {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly createdAt: string;
}

export interface NewCustomer {
  /** Given by the seed or an import; a random UUID otherwise. */
  readonly id?: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

export function createCustomer(db: WritableDb, clock: Clock, customer: NewCustomer): Customer {
  const row: Customer = {
    id: customer.id ?? randomUUID(),
    firstName: customer.firstName.trim(),
    lastName: customer.lastName.trim(),
    email: customer.email.trim(),
    createdAt: isoAt(clock.now()),
  };
  db.prepare(
    'INSERT INTO customers (id, first_name, last_name, email, created_at) VALUES (@id, @firstName, @lastName, @email, @createdAt)',
  ).run(row);
  return row;
}

interface CustomerRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  created_at: string;
}

export function getCustomer(db: ReadableDb, id: string): Customer | null {
  const row = db
    .prepare<[string], CustomerRow>('SELECT id, first_name, last_name, email, created_at FROM customers WHERE id = ?')
    .get(id);
  return row === undefined
    ? null
    : { id: row.id, firstName: row.first_name, lastName: row.last_name, email: row.email, createdAt: row.created_at };
}

/** The customer, or a `not_found` CommandError naming the id. */
export function requireCustomer(db: ReadableDb, id: string): Customer {
  const customer = getCustomer(db, id);
  if (customer === null) throw new CommandError('not_found', `There is no customer with id "${id}".`);
  return customer;
}

interface SummaryRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  templates: number;
  text_version: string | null;
  agreed_at: string | null;
  recorded_by: string | null;
  thumbnail_agreed: number | null;
}

const SUMMARY_SELECT = `
  SELECT c.id, c.first_name, c.last_name, c.email,
         -- Per model: an enrolment stores each sample's template once per model that described it.
         COALESCE((SELECT COUNT(*) FROM face_templates t WHERE t.customer_id = c.id
                   GROUP BY t.model_id ORDER BY 1 DESC LIMIT 1), 0) AS templates,
         k.text_version, k.agreed_at, k.recorded_by, k.thumbnail_agreed
  FROM customers c
  LEFT JOIN consents k ON k.customer_id = c.id AND k.withdrawn_at IS NULL`;

function toSummary(row: SummaryRow): CustomerSummary {
  const consent =
    row.text_version !== null && row.agreed_at !== null && row.recorded_by !== null
      ? {
          textVersion: row.text_version,
          agreedAt: row.agreed_at,
          recordedBy: row.recorded_by,
          thumbnailAgreed: row.thumbnail_agreed === 1,
        }
      : null;
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    // Enrolled means recognisable: templates alone are not enough without a current consent.
    enrolled: consent !== null && row.templates > 0,
    templates: row.templates,
    consent,
  };
}

/** Escapes LIKE wildcards so a search for "50%" or "o_neil" means those characters literally. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Customers sorted by last then first name. `query` matches any part of the first name, last name,
 * full name or e-mail, ignoring case.
 */
export function listCustomers(db: ReadableDb, options: { query?: string; limit?: number } = {}): CustomerSummary[] {
  const query = options.query?.trim() ?? '';
  const rows = db
    .prepare<{ pattern: string | null; limit: number }, SummaryRow>(
      `${SUMMARY_SELECT}
       WHERE @pattern IS NULL
          OR c.first_name LIKE @pattern ESCAPE '\\'
          OR c.last_name LIKE @pattern ESCAPE '\\'
          OR (c.first_name || ' ' || c.last_name) LIKE @pattern ESCAPE '\\'
          OR c.email LIKE @pattern ESCAPE '\\'
       ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id
       LIMIT @limit`,
    )
    .all({ pattern: query === '' ? null : likePattern(query), limit: options.limit ?? 500 });
  return rows.map(toSummary);
}

export function customerSummary(db: ReadableDb, id: string): CustomerSummary | null {
  const row = db.prepare<[string], SummaryRow>(`${SUMMARY_SELECT} WHERE c.id = ?`).get(id);
  return row === undefined ? null : toSummary(row);
}
