/** An order's lines as "2 × Oat milk". */
import type { OrderItem } from '../../electron/contract/dto.js';

export function OrderItems({ items }: { readonly items: readonly OrderItem[] }) {
  return (
    <ul className="items">
      {items.map((item) => (
        <li key={item.productId}>
          <span className="qty">{item.quantity} ×</span> {item.name}
        </li>
      ))}
    </ul>
  );
}
