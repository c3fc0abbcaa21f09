/**
 * Audience reports: footfall per day and per hour, recognised visits and returning customers, time from arrival
 * to collection and pickup waits, and the audience estimates as shares. For the store or one camera, over a date
 * range, with a CSV export (which the core writes to the audit log).
 */
import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';
import type { AudienceReport, DurationStats } from '../../electron/contract/admin-dto.js';
import { InlineError } from '../shared/components/ErrorBanner.js';
import { PALETTE, useChart } from './charts.js';
import type { AdminTabProps } from './tabs.js';
import { unwrap, useLoaded } from './use-admin-call.js';

function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function ChartCard({
  id,
  title,
  config,
  note,
}: {
  id: string;
  title: string;
  config: ChartConfiguration;
  note?: string;
}) {
  const canvas = useChart(config);
  return (
    <figure className="card chart-card" data-testid={`chart-${id}`}>
      <figcaption>{title}</figcaption>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      {note ? <p className="muted small">{note}</p> : null}
    </figure>
  );
}

function bar(labels: string[], datasets: { label: string; data: number[] }[], stacked = false): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: datasets.map((d, i) => ({ ...d, backgroundColor: PALETTE[i % PALETTE.length], borderRadius: 3 })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: datasets.length > 1 } },
      scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
}

function doughnut(shares: { value: string; count: number }[]): ChartConfiguration {
  const total = shares.reduce((s, x) => s + x.count, 0);
  return {
    type: 'doughnut',
    data: {
      labels: shares.map((s) => `${s.value} (${total === 0 ? 0 : Math.round((100 * s.count) / total)} %)`),
      datasets: [
        { data: shares.map((s) => s.count), backgroundColor: shares.map((_, i) => PALETTE[i % PALETTE.length]) },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: 'right' } },
    },
  };
}

function minutes(stats: DurationStats): string {
  if (stats.count === 0) return 'no collected orders in this period';
  return `median ${stats.medianMinutes ?? '–'} min · 90 % within ${stats.p90Minutes ?? '–'} min · ${stats.count} orders`;
}

function Charts({ report }: { report: AudienceReport }) {
  const configs = useMemo(
    () => ({
      byDay: bar(
        report.footfallByDay.map((d) => d.date.slice(5)),
        [{ label: 'Faces seen', data: report.footfallByDay.map((d) => d.faces) }],
      ),
      byHour: bar(
        report.footfallByHour.map((_, h) => `${String(h).padStart(2, '0')}:00`),
        [{ label: 'Faces seen', data: report.footfallByHour }],
      ),
      visits: bar(
        report.visitsByDay.map((d) => d.date.slice(5)),
        [
          { label: 'First-time this period', data: report.visitsByDay.map((d) => d.customers - d.returning) },
          { label: 'Returning', data: report.visitsByDay.map((d) => d.returning) },
        ],
        true,
      ),
      collection: bar(
        report.arrivalToCollection.buckets.map((b) => b.label),
        [{ label: 'Orders', data: report.arrivalToCollection.buckets.map((b) => b.count) }],
      ),
      wait: bar(
        report.pickupWait.buckets.map((b) => b.label),
        [{ label: 'Orders', data: report.pickupWait.buckets.map((b) => b.count) }],
      ),
      age: doughnut(report.audience.ageBands),
      gender: doughnut(report.audience.genders),
      expression: doughnut(report.audience.expressions),
    }),
    [report],
  );
  const estimates = report.audience.genders.reduce((s, g) => s + g.count, 0);
  return (
    <>
      <div className="report-totals" data-testid="report-totals">
        <div className="card stat">
          <strong data-testid="total-faces">{report.totals.faces}</strong> faces seen
        </div>
        <div className="card stat">
          <strong>{report.totals.visits}</strong> recognised visits
        </div>
        <div className="card stat">
          <strong>{report.totals.customers}</strong> enrolled customers
        </div>
        <div className="card stat">
          <strong>{report.totals.returningCustomers}</strong> returning
        </div>
      </div>
      <div className="chart-grid">
        <ChartCard id="footfall-day" title="Footfall per day" config={configs.byDay} />
        <ChartCard id="footfall-hour" title="Footfall by hour of the day" config={configs.byHour} />
        <ChartCard id="visits" title="Enrolled customers recognised per day" config={configs.visits} />
        <ChartCard
          id="collection"
          title="Time from arrival to collection"
          config={configs.collection}
          note={minutes(report.arrivalToCollection)}
        />
        <ChartCard
          id="wait"
          title="Pickup wait (arrival until the order was ready)"
          config={configs.wait}
          note={minutes(report.pickupWait)}
        />
        <ChartCard id="age" title="Age bands (estimated, totals only)" config={configs.age} />
        <ChartCard id="gender" title="Gender (estimated, totals only)" config={configs.gender} />
        <ChartCard id="expression" title="Expression (estimated, totals only)" config={configs.expression} />
      </div>
      {estimates === 0 ? (
        <p className="muted">
          No audience estimates in this period. They are counted only while audience estimates are switched on (Privacy
          tab).
        </p>
      ) : null}
    </>
  );
}

export function ReportsSection({ client, store }: AdminTabProps) {
  const [to, setTo] = useState(() => localDate(Date.now()));
  const [from, setFrom] = useState(() => localDate(Date.now() - 27 * DAY_MS));
  const [camera, setCamera] = useState('');
  const [exportNote, setExportNote] = useState<string | null>(null);
  const query = { from, to, ...(camera === '' ? {} : { cameraId: camera }) };
  const report = useLoaded(() => client.call('reports.audience', query), store, `${from}|${to}|${camera}`);

  async function exportCsv(): Promise<void> {
    setExportNote(null);
    const exported = unwrap(await client.call('reports.exportCsv', query), store, report.setError);
    if (exported === null) return;
    const url = URL.createObjectURL(new Blob([exported.csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exported.filename;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setExportNote(`Exported ${exported.rows} rows to ${exported.filename}.`);
  }

  return (
    <section className="admin-section reports" aria-labelledby="reports-title">
      <div className="section-head">
        <h2 id="reports-title">Audience reports</h2>
        <label>
          From
          <input
            type="date"
            data-testid="reports-from"
            value={from}
            max={to}
            onChange={(e) => e.target.value && setFrom(e.target.value)}
          />
        </label>
        <label>
          To
          <input
            type="date"
            data-testid="reports-to"
            value={to}
            min={from}
            onChange={(e) => e.target.value && setTo(e.target.value)}
          />
        </label>
        <label>
          Camera
          <select data-testid="reports-camera" value={camera} onChange={(e) => setCamera(e.target.value)}>
            <option value="">Whole store</option>
            {(report.value?.cameras ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="reports-export" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </div>
      <InlineError message={report.error} testId="reports-error" />
      {exportNote ? (
        <p className="notice" data-testid="reports-exported">
          {exportNote}
        </p>
      ) : null}
      {report.value ? <Charts report={report.value} /> : <p className="muted">Loading the report…</p>}
      <p className="muted small">
        Counts only: nobody who did not enrol is identified, and the estimates are stored as hourly totals, never per
        person. Times are in {report.value?.timeZone ?? 'the store’s time zone'}.
      </p>
    </section>
  );
}
