/**
 * Enrolment with consent: the manager shows the consent text, ticks that the customer agreed, then captures
 * face samples from the live camera until enough are accepted. Nothing is stored before "Start".
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { CustomerSummary } from '../../electron/contract/dto.js';
import { samplesProgress } from '../shared/format.js';
import { AreaError } from './AreaError.js';
import type { AdminState } from './store.js';

export function EnrolmentFlow({
  store,
  customer,
}: {
  readonly store: StoreApi<AdminState>;
  readonly customer: CustomerSummary;
}) {
  const consent = useStore(store, (s) => s.consent);
  const enrolment = useStore(store, (s) => s.enrolment);
  const busy = useStore(store, (s) => s.busy);
  const startEnrolment = useStore(store, (s) => s.startEnrolment);
  const captureSample = useStore(store, (s) => s.captureSample);
  const finishEnrolment = useStore(store, (s) => s.finishEnrolment);
  const cancelEnrolment = useStore(store, (s) => s.cancelEnrolment);
  const [agreed, setAgreed] = useState(false);
  const [thumbnail, setThumbnail] = useState(false);

  if (enrolment === null || enrolment.session.customerId !== customer.id) {
    return (
      <div className="enrolment">
        <h3>{customer.enrolled ? 'Enrol again' : 'Enrol for recognition'}</h3>
        <p className="muted">Read this to the customer, or let them read it:</p>
        <div className="consent-text" data-testid="consent-text">
          {consent === null ? 'Loading the consent text…' : consent.text}
        </div>
        {consent !== null ? <p className="muted small">Consent text version {consent.version}</p> : null}
        <label className="check">
          <input
            type="checkbox"
            data-testid="consent-agree"
            checked={agreed}
            onChange={(e) => setAgreed(e.target.checked)}
          />
          The customer has read this and agrees
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="consent-thumbnail"
            checked={thumbnail}
            onChange={(e) => setThumbnail(e.target.checked)}
          />
          The customer also agrees to a photo thumbnail for staff
        </label>
        <button
          type="button"
          data-testid="enrol-start"
          disabled={!agreed || consent === null || busy}
          onClick={() => void startEnrolment(thumbnail)}
        >
          Start
        </button>
        <AreaError store={store} area="enrolment" />
      </div>
    );
  }

  const enough = enrolment.samples >= enrolment.required;
  return (
    <div className="enrolment">
      <h3>
        Enrolling {customer.firstName} {customer.lastName}
      </h3>
      <p className="muted">
        Ask {customer.firstName} to look at the camera, alone in the picture, then capture. Each sample is checked for
        size, sharpness and a single face.
      </p>
      <p className="progress" data-testid="enrol-progress">
        {samplesProgress(enrolment.samples, enrolment.required)}
      </p>
      <progress max={enrolment.required} value={Math.min(enrolment.samples, enrolment.required)} />
      <div className="buttons">
        <button type="button" data-testid="enrol-capture" disabled={busy} onClick={() => void captureSample()}>
          Capture sample
        </button>
        <button
          type="button"
          data-testid="enrol-finish"
          disabled={!enough || busy}
          onClick={() => void finishEnrolment()}
        >
          Finish enrolment
        </button>
        <button type="button" className="secondary" data-testid="enrol-cancel" onClick={() => void cancelEnrolment()}>
          Cancel
        </button>
      </div>
      <AreaError store={store} area="enrolment" />
      <ul className="sample-notes" data-testid="sample-messages">
        {enrolment.notes.map((note, index) => (
          <li
            key={enrolment.notes.length - index}
            className={note.accepted ? 'accepted' : 'rejected'}
            data-testid="sample-message"
          >
            {note.accepted ? '✓ ' : '✗ '}
            {note.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
