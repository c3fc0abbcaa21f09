import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from './catalogue.js';
import { productTileSvg } from './product-tile.js';

describe('product tiles', () => {
  it('draws a self-contained SVG with the category colour and the product name', () => {
    const svg = productTileSvg({ name: 'Oat milk 1 L', category: 'dairy', shape: 'carton' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 240 240"/);
    expect(svg).toContain('fill="#3f7fb5"');
    expect(svg).toContain('>Oat milk 1 L</text>');
    expect(svg).not.toMatch(/href|<image/);
  });

  it('escapes characters that would break the markup', () => {
    const svg = productTileSvg({ name: 'Salt & <Pepper> "mix"', category: 'pantry', shape: 'jar' });
    expect(svg).toContain('Salt &#38; &#60;Pepper&#62;');
    expect(svg).not.toContain('<Pepper>');
  });

  it('wraps long names onto two lines and keeps a quantity with its unit', () => {
    const svg = productTileSvg({ name: 'Ground coffee 250 g', category: 'coffee & tea', shape: 'bag' });
    expect([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(['Ground coffee', '250 g']);
  });

  it('gives every demo product a distinct tile', () => {
    const tiles = DEMO_PRODUCTS.map((p) => productTileSvg(p));
    expect(new Set(tiles).size).toBe(DEMO_PRODUCTS.length);
  });
});
