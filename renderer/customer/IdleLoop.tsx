/**
 * The idle loop: the store's live campaigns (day-parted by the core) and its offers, one slide at a time with a
 * cross-fade. All slides stay mounted and only their opacity changes, so images are decoded once and a change
 * never flashes; a new list from the core (a schedule boundary) keeps the slides that are still in it.
 */
import { useEffect, useState } from 'react';
import type { CampaignSlide, Offer } from '../../electron/contract/dto.js';
import { ProductImage } from '../shared/components/ProductImage.js';
import { formatMoney } from '../shared/format.js';

const SLIDE_MS = 6000;

type Slide = { key: string; campaign: CampaignSlide } | { key: string; offer: Offer };

/** Campaigns lead, each followed by two offers; the remaining offers after them. */
export function slidesOf(campaigns: readonly CampaignSlide[], offers: readonly Offer[]): Slide[] {
  const slides: Slide[] = [];
  const rest = [...offers];
  for (const campaign of campaigns) {
    slides.push({ key: `campaign:${campaign.id}`, campaign });
    for (const offer of rest.splice(0, 2)) slides.push({ key: `offer:${offer.product.id}`, offer });
  }
  for (const offer of rest) slides.push({ key: `offer:${offer.product.id}`, offer });
  return slides;
}

function SlideBody({ slide }: { readonly slide: Slide }) {
  if ('campaign' in slide) {
    const { campaign } = slide;
    return (
      <>
        <div className="slide-image">
          {campaign.product !== null ? (
            <ProductImage src={campaign.product.imageUrl} alt={campaign.product.name} />
          ) : (
            <div className="campaign-art" aria-hidden="true">
              {campaign.headline.charAt(0)}
            </div>
          )}
        </div>
        <div className="slide-text">
          <h2 className="slide-name campaign-headline">{campaign.headline}</h2>
          {campaign.body !== '' ? <p className="campaign-body">{campaign.body}</p> : null}
          {campaign.product !== null ? <p className="slide-price">{formatMoney(campaign.product.priceCents)}</p> : null}
        </div>
      </>
    );
  }
  const { offer } = slide;
  return (
    <>
      <div className="slide-image">
        <ProductImage src={offer.product.imageUrl} alt={offer.product.name} />
      </div>
      <div className="slide-text">
        <h2 className="slide-name">{offer.product.name}</h2>
        <p className="slide-price">{formatMoney(offer.product.priceCents)}</p>
        {offer.reason !== '' ? <p className="slide-reason">{offer.reason}</p> : null}
      </div>
    </>
  );
}

export function IdleLoop({
  offers,
  campaigns,
  storeName,
}: {
  readonly offers: readonly Offer[];
  readonly campaigns: readonly CampaignSlide[];
  readonly storeName: string;
}) {
  const [tick, setTick] = useState(0);
  const slides = slidesOf(campaigns, offers);
  const count = slides.length;

  useEffect(() => {
    if (count < 2) return;
    const timer = window.setInterval(() => setTick((t) => t + 1), SLIDE_MS);
    return () => window.clearInterval(timer);
  }, [count]);

  const active = count === 0 ? -1 : tick % count;
  return (
    <section className="screen idle" data-testid="display-idle" data-slide={active}>
      <header className="idle-header">{storeName === '' ? 'Today in store' : `Today at ${storeName}`}</header>
      {count === 0 ? (
        <h1 className="welcome-title">{storeName === '' ? 'Welcome' : `Welcome to ${storeName}`}</h1>
      ) : (
        <div className="slides">
          {slides.map((slide, index) => {
            const isCampaign = 'campaign' in slide;
            const testId = index !== active ? undefined : isCampaign ? 'campaign-slide' : 'offer-card';
            return (
              <article
                key={slide.key}
                className={`${index === active ? 'slide active' : 'slide'}${isCampaign ? ' campaign' : ''}`}
                aria-hidden={index !== active}
                data-testid={testId}
                data-slide-key={slide.key}
              >
                <SlideBody slide={slide} />
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}
