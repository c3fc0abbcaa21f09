/**
 * The idle loop: one store offer at a time, changing every few seconds with a cross-fade. All slides stay
 * mounted and only their opacity changes, so images are decoded once and the change never flashes.
 */
import { useEffect, useState } from 'react';
import type { Offer } from '../../electron/contract/dto.js';
import { ProductImage } from '../shared/components/ProductImage.js';
import { formatMoney } from '../shared/format.js';

const SLIDE_MS = 6000;

export function IdleLoop({ offers, storeName }: { readonly offers: readonly Offer[]; readonly storeName: string }) {
  const [tick, setTick] = useState(0);
  const count = offers.length;

  useEffect(() => {
    if (count < 2) return;
    const timer = window.setInterval(() => setTick((t) => t + 1), SLIDE_MS);
    return () => window.clearInterval(timer);
  }, [count]);

  const active = count === 0 ? -1 : tick % count;
  return (
    <section className="screen idle" data-testid="display-idle">
      <header className="idle-header">{storeName === '' ? 'Today in store' : `Today at ${storeName}`}</header>
      {count === 0 ? (
        <h1 className="welcome-title">{storeName === '' ? 'Welcome' : `Welcome to ${storeName}`}</h1>
      ) : (
        <div className="slides">
          {offers.map((offer, index) => (
            <article
              key={offer.product.id}
              className={index === active ? 'slide active' : 'slide'}
              aria-hidden={index !== active}
              data-testid={index === active ? 'offer-card' : undefined}
            >
              <div className="slide-image">
                <ProductImage src={offer.product.imageUrl} alt={offer.product.name} />
              </div>
              <div className="slide-text">
                <h2 className="slide-name">{offer.product.name}</h2>
                <p className="slide-price">{formatMoney(offer.product.priceCents)}</p>
                {offer.reason !== '' ? <p className="slide-reason">{offer.reason}</p> : null}
              </div>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
