import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Product as ProductSchema } from '../../contract/dto.js';
import { addProduct, getProduct, listProducts, productsById, svgDataUrl } from './products.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Café &amp; crème</text></svg>';
beforeEach(() => {
  store = openTestStore();
  addProduct(store.db, { id: 'oat-milk', name: 'Oat milk', category: 'dairy', priceCents: 229, imageSvg: svg });
  addProduct(store.db, {
    id: 'bagels',
    name: 'Bagels',
    category: 'bakery',
    priceCents: 320,
    imageSvg: svg,
    promoted: true,
  });
  addProduct(store.db, {
    id: 'old-mix',
    name: 'Old mix',
    category: 'bakery',
    priceCents: 100,
    imageSvg: svg,
    active: false,
  });
});
afterEach(() => store.close());

describe('products', () => {
  it('turns a row into the Product DTO with the SVG as a base64 data: URL', () => {
    const product = getProduct(store.db, 'oat-milk');
    expect(product).toEqual({
      id: 'oat-milk',
      name: 'Oat milk',
      category: 'dairy',
      priceCents: 229,
      imageUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    });
    expect(ProductSchema.parse(product)).toEqual(product);
    const decoded = Buffer.from(svgDataUrl(svg).split(',')[1] ?? '', 'base64').toString('utf8');
    expect(decoded).toBe(svg);
  });

  it('lists active products by category, and inactive ones only when asked', () => {
    expect(listProducts(store.db).map((p) => p.id)).toEqual(['bagels', 'oat-milk']);
    expect(listProducts(store.db, { includeInactive: true }).map((p) => p.id)).toEqual([
      'bagels',
      'old-mix',
      'oat-milk',
    ]);
  });

  it('returns null for an unknown product and skips unknown ids in bulk look-ups', () => {
    expect(getProduct(store.db, 'nope')).toBeNull();
    expect([...productsById(store.db, ['oat-milk', 'nope']).keys()]).toEqual(['oat-milk']);
  });

  it('refuses a negative price', () => {
    expect(() => addProduct(store.db, { id: 'x', name: 'x', category: 'x', priceCents: -5, imageSvg: svg })).toThrow(
      /CHECK/,
    );
  });
});
