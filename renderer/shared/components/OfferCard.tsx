/** One offer: product image, name, price and the honest reason it is shown. */
import type { Offer } from '../../../electron/contract/dto.js';
import { formatMoney } from '../format.js';
import { ProductImage } from './ProductImage.js';

export function OfferCard({ offer, showReason = true }: { readonly offer: Offer; readonly showReason?: boolean }) {
  return (
    <article className="offer-card" data-testid="offer-card" data-product-id={offer.product.id}>
      <div className="offer-image">
        <ProductImage src={offer.product.imageUrl} alt={offer.product.name} />
      </div>
      <div className="offer-body">
        <span className="offer-name">{offer.product.name}</span>
        <span className="offer-price">{formatMoney(offer.product.priceCents)}</span>
        {showReason && offer.reason !== '' ? <span className="offer-reason">{offer.reason}</span> : null}
      </div>
    </article>
  );
}
