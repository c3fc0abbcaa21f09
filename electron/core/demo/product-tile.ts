/**
 * Draws a product's picture as an SVG tile: the category colour, a simple shape for the kind of product
 * and its name. Generated in code so the demo ships no photos and every product has a consistent look.
 */
import { missingCaseError } from '../../contract/result.js';
import type { Category, TileShape } from './catalogue.js';

interface Palette {
  /** Tile background. */
  readonly base: string;
  /** Soft disc behind the shape. */
  readonly glow: string;
  /** Outlines and details on the shape. */
  readonly ink: string;
}

const PALETTES: Record<Category, Palette> = {
  bakery: { base: '#b9773c', glow: '#d9a56f', ink: '#7a4a1f' },
  'coffee & tea': { base: '#5b3a29', glow: '#8a6049', ink: '#3b2418' },
  dairy: { base: '#3f7fb5', glow: '#79a9d3', ink: '#285679' },
  'fruit & veg': { base: '#3f8f3a', glow: '#74b86b', ink: '#285e25' },
  pantry: { base: '#b8541f', glow: '#dc8a5a', ink: '#7c3613' },
  household: { base: '#6a5fa8', glow: '#9d94cf', ink: '#463d7a' },
};

const FILL = '#fdf8ef';

/** Shapes are drawn around the point (120, 100) within about 70 px. */
function shapeSvg(shape: TileShape, ink: string): string {
  const s = `fill="${FILL}" stroke="${ink}" stroke-width="4" stroke-linejoin="round"`;
  const line = `fill="none" stroke="${ink}" stroke-width="4" stroke-linecap="round"`;
  switch (shape) {
    case 'loaf':
      return `<path d="M58 120 Q58 62 120 62 Q182 62 182 120 Z" ${s}/><path d="M92 80 L100 100 M120 74 L126 98 M148 80 L152 100" ${line}/>`;
    case 'crescent':
      return `<path d="M50 112 Q120 20 190 112 Q160 88 120 86 Q80 88 50 112 Z" ${s}/>`;
    case 'bun':
      return `<circle cx="120" cy="100" r="52" ${s}/><path d="M120 100 m-28 0 a28 28 0 1 1 28 28 a16 16 0 1 1 -16 -16" ${line}/>`;
    case 'ring':
      return `<circle cx="120" cy="100" r="54" ${s}/><circle cx="120" cy="100" r="18" fill="none" stroke="${ink}" stroke-width="4"/>`;
    case 'bag':
      return `<path d="M78 48 L162 48 L172 160 L68 160 Z" ${s}/><path d="M78 70 L162 70" ${line}/><circle cx="120" cy="112" r="18" fill="none" stroke="${ink}" stroke-width="4"/>`;
    case 'bottle':
      return `<path d="M108 36 L132 36 L132 64 Q156 76 156 104 L156 162 L84 162 L84 104 Q84 76 108 64 Z" ${s}/><rect x="92" y="108" width="56" height="30" fill="none" stroke="${ink}" stroke-width="4"/>`;
    case 'box':
      return `<rect x="66" y="58" width="108" height="96" rx="6" ${s}/><path d="M66 84 L174 84" ${line}/>`;
    case 'jar':
      return `<rect x="84" y="44" width="72" height="18" rx="4" ${s}/><rect x="78" y="62" width="84" height="98" rx="14" ${s}/><rect x="90" y="96" width="60" height="30" fill="none" stroke="${ink}" stroke-width="4"/>`;
    case 'carton':
      return `<path d="M86 62 L120 36 L154 62 L154 162 L86 162 Z" ${s}/><path d="M86 62 L154 62" ${line}/><circle cx="120" cy="112" r="16" fill="none" stroke="${ink}" stroke-width="4"/>`;
    case 'tub':
      return `<path d="M70 64 L170 64 L158 156 L82 156 Z" ${s}/><path d="M64 64 L176 64" ${line}/>`;
    case 'wedge':
      return `<path d="M56 150 L184 150 L184 112 L72 70 Z" ${s}/><circle cx="118" cy="126" r="8" fill="${ink}"/><circle cx="154" cy="134" r="6" fill="${ink}"/>`;
    case 'egg':
      return `<path d="M120 42 Q168 42 168 112 Q168 160 120 160 Q72 160 72 112 Q72 42 120 42 Z" ${s}/>`;
    case 'round':
      return `<circle cx="120" cy="108" r="54" ${s}/><path d="M120 54 Q130 34 150 36" ${line}/>`;
    case 'leaf':
      return `<path d="M62 150 Q62 52 178 50 Q178 150 62 150 Z" ${s}/><path d="M66 146 L170 56" ${line}/>`;
    case 'tin':
      return `<rect x="76" y="52" width="88" height="108" rx="8" ${s}/><path d="M76 72 L164 72 M76 140 L164 140" ${line}/>`;
    case 'bar':
      return `<rect x="60" y="62" width="120" height="84" rx="6" ${s}/><path d="M100 62 L100 146 M140 62 L140 146 M60 104 L180 104" ${line}/>`;
    case 'roll':
      return `<rect x="74" y="50" width="92" height="110" rx="10" ${s}/><ellipse cx="120" cy="56" rx="46" ry="10" ${s}/><circle cx="120" cy="56" r="6" fill="${ink}"/>`;
    default:
      throw missingCaseError(shape);
  }
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Splits a name into at most two lines of about `width` characters, at spaces, keeping a number with
 * the word after it ("250 g", "40 bags") on one line.
 */
function wrap(name: string, width = 16): string[] {
  if (name.length <= width) return [name];
  const words: string[] = [];
  for (const token of name.split(' ')) {
    const previous = words[words.length - 1];
    if (previous !== undefined && /^\d+(\.\d+)?$/.test(previous)) words[words.length - 1] = `${previous} ${token}`;
    else words.push(token);
  }
  let first = '';
  while (words.length > 0 && (first === '' || first.length + 1 + (words[0]?.length ?? 0) <= width)) {
    first = first === '' ? (words.shift() ?? '') : `${first} ${words.shift() ?? ''}`;
  }
  return words.length === 0 ? [first] : [first, words.join(' ')];
}

export function productTileSvg(product: { name: string; category: Category; shape: TileShape }): string {
  const palette = PALETTES[product.category];
  const lines = wrap(product.name);
  const firstY = lines.length === 1 ? 206 : 194;
  const text = lines
    .map(
      (line, i) =>
        `<text x="120" y="${firstY + i * 24}" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="19" font-weight="600" fill="#ffffff">${escapeXml(line)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" width="240" height="240" role="img" aria-label="${escapeXml(product.name)}">` +
    `<rect width="240" height="240" rx="24" fill="${palette.base}"/>` +
    `<circle cx="120" cy="100" r="78" fill="${palette.glow}" opacity="0.55"/>` +
    shapeSvg(product.shape, palette.ink) +
    text +
    `</svg>`
  );
}
