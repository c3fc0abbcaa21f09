/** The personal greeting: the customer's first name, their pickup order's status and three offers. */
import type { DisplayState } from '../../electron/contract/dto.js';
import { OfferCard } from '../shared/components/OfferCard.js';
import { orderStatusSentence } from '../shared/format.js';

type GreetingState = Extract<DisplayState, { kind: 'greeting' }>;

export function Greeting({ greeting }: { readonly greeting: GreetingState }) {
  const { order } = greeting;
  return (
    <section className="screen greeting" data-testid="display-greeting">
      <h1 className="greeting-title" data-testid="greeting-name">
        Welcome back, {greeting.firstName}!
      </h1>
      {order !== null ? (
        <p className={`order-status status-${order.status}`} data-testid="order-status">
          {orderStatusSentence(order.number, order.status)}
        </p>
      ) : null}
      {greeting.offers.length > 0 ? (
        <>
          <h2 className="offers-title">Picked for you</h2>
          <div className="offer-grid">
            {greeting.offers.slice(0, 3).map((offer) => (
              <OfferCard key={offer.product.id} offer={offer} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
