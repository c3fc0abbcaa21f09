import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../store/testing.js';
import { parseCsvDate, readTransactionsCsv } from './csv-transactions.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

const RETAIL = `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
536365,71053,"WHITE METAL LANTERN, LARGE",6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom
536365,POST,POSTAGE,1,2010-12-01 08:26:00,18.00,17850.0,United Kingdom
C536379,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-1,2010-12-01 09:41:00,2.55,17850.0,United Kingdom
536380,22139,RETROSPOT TEA SET CERAMIC,-12,2010-12-01 09:45:00,4.25,12583.0,France
536381,22140,BELL JAR,4,2010-12-01 09:45:00,0.00,12583.0,France
536382,85123a,WHITE HANGING HEART T-LIGHT HOLDER,2,12/1/2010 10:03,2.55,,United Kingdom
536383,BANK CHARGES,Bank Charges,1,2010-12-01 10:04:00,15.00,12583.0,France
536384,gift_0001_20,Dotcomgiftshop Gift Voucher,1,2010-12-01 10:05:00,17.02,,United Kingdom
536385,22141,BELL JAR,4,not a date,1.00,12583.0,France
`;

describe('reading purchases from CSV', () => {
  it('reads the Online Retail layout and drops cancellations, returns, free lines and non-products', async () => {
    const data = await readTransactionsCsv(write('retail.csv', RETAIL));
    expect(data.layout).toBe('online-retail');
    expect(data.rows).toBe(10);
    expect(data.lines).toEqual([
      { basket: '536365', customer: '17850', item: '85123A', at: Date.parse('2010-12-01T08:26:00Z') },
      { basket: '536365', customer: '17850', item: '71053', at: Date.parse('2010-12-01T08:26:00Z') },
      // No CustomerID: an anonymous basket, kept for "bought together"; the code is compared upper-case.
      { basket: '536382', customer: null, item: '85123A', at: Date.parse('2010-12-01T10:03:00Z') },
    ]);
    expect(data.skipped).toEqual({
      'not a product (postage, fees, manual, vouchers)': 3,
      cancellation: 1,
      'quantity not positive': 1,
      'price not positive': 1,
      'bad date': 1,
    });
  });

  it('reads a gzip file the same as the plain one', async () => {
    const plain = await readTransactionsCsv(write('retail.csv', RETAIL));
    const zipped = await readTransactionsCsv(write('retail.csv.gz', zlib.gzipSync(RETAIL)));
    expect(zipped).toEqual(plain);
  });

  it('reads the generic layout in any column order, one basket per customer and date', async () => {
    const file = write(
      'generic.csv',
      'date,item,customer,store\n2024-03-01,tea,ann,1\n2024-03-01,milk,ann,1\n2024-03-02,tea,ann,1\n2024-03-02,jam,,1\n2024-03-02,,bob,1\n',
    );
    const data = await readTransactionsCsv(file);
    expect(data.layout).toBe('generic');
    expect(data.lines.map((l) => [l.basket, l.customer, l.item])).toEqual([
      ['ann|2024-03-01', 'ann', 'tea'],
      ['ann|2024-03-01', 'ann', 'milk'],
      ['ann|2024-03-02', 'ann', 'tea'],
      ['row:4', null, 'jam'],
    ]);
    expect(data.skipped).toEqual({ 'empty item': 1 });
  });

  it('uses a basket column when the generic file has one', async () => {
    const data = await readTransactionsCsv(
      write('g.csv', 'customer,date,item,basket\nann,2024-03-01,tea,A\nann,2024-03-01,milk,B\n'),
    );
    expect(data.lines.map((l) => l.basket)).toEqual(['A', 'B']);
  });

  it('says which layouts it knows when the header is neither', async () => {
    await expect(readTransactionsCsv(write('x.csv', 'a,b,c\n1,2,3\n'))).rejects.toThrow(
      /neither the Online Retail layout .* nor the generic layout \(customer,date,item\)/,
    );
  });

  it('says what to do when the file is missing or empty', async () => {
    await expect(readTransactionsCsv(path.join(dir, 'nope.csv'))).rejects.toThrow(/Cannot read .*Check the path/);
    await expect(readTransactionsCsv(write('empty.csv', ''))).rejects.toThrow(/is empty/);
  });

  it('parses the date formats the data sets use, as UTC', () => {
    expect(parseCsvDate('2011-07-01')).toBe(Date.parse('2011-07-01T00:00:00Z'));
    expect(parseCsvDate('2011-07-01 08:26:00')).toBe(Date.parse('2011-07-01T08:26:00Z'));
    expect(parseCsvDate('2011-07-01T08:26:00+02:00')).toBe(Date.parse('2011-07-01T06:26:00Z'));
    expect(parseCsvDate('7/1/2011 8:26')).toBe(Date.parse('2011-07-01T08:26:00Z'));
    expect(parseCsvDate('yesterday')).toBeNull();
  });
});
