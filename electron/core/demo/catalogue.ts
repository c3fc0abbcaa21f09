/**
 * The demo store's catalogue: products with realistic prices, the shape their tile shows, and the
 * items people tend to buy with them (which gives the purchase history real co-occurrence to learn from).
 */

export const CATEGORIES = ['bakery', 'coffee & tea', 'dairy', 'fruit & veg', 'pantry', 'household'] as const;
export type Category = (typeof CATEGORIES)[number];

export type TileShape =
  | 'loaf'
  | 'crescent'
  | 'bun'
  | 'ring'
  | 'bag'
  | 'bottle'
  | 'box'
  | 'jar'
  | 'carton'
  | 'tub'
  | 'wedge'
  | 'egg'
  | 'round'
  | 'leaf'
  | 'tin'
  | 'bar'
  | 'roll';

export interface DemoProduct {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly priceCents: number;
  readonly shape: TileShape;
  /** Featured on the idle screen. */
  readonly promoted?: boolean;
  /** Discontinued: still in old receipts, never offered. */
  readonly inactive?: boolean;
  /** Products often bought in the same basket. */
  readonly goesWith?: readonly string[];
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    id: 'sourdough-loaf',
    name: 'Sourdough loaf',
    category: 'bakery',
    priceCents: 450,
    shape: 'loaf',
    goesWith: ['butter', 'avocado'],
  },
  {
    id: 'croissant',
    name: 'Croissant',
    category: 'bakery',
    priceCents: 180,
    shape: 'crescent',
    goesWith: ['espresso-beans', 'butter'],
  },
  { id: 'pain-au-chocolat', name: 'Pain au chocolat', category: 'bakery', priceCents: 210, shape: 'bun' },
  { id: 'cinnamon-roll', name: 'Cinnamon roll', category: 'bakery', priceCents: 260, shape: 'bun', promoted: true },
  { id: 'rye-bread', name: 'Rye bread', category: 'bakery', priceCents: 390, shape: 'loaf', goesWith: ['cheddar'] },
  { id: 'bagels', name: 'Bagels, 4 pack', category: 'bakery', priceCents: 320, shape: 'ring', goesWith: ['cheddar'] },
  { id: 'blueberry-muffin', name: 'Blueberry muffin', category: 'bakery', priceCents: 240, shape: 'bun' },

  {
    id: 'espresso-beans',
    name: 'Espresso beans 250 g',
    category: 'coffee & tea',
    priceCents: 899,
    shape: 'bag',
    goesWith: ['oat-milk', 'croissant'],
  },
  {
    id: 'ground-coffee',
    name: 'Ground coffee 250 g',
    category: 'coffee & tea',
    priceCents: 649,
    shape: 'bag',
    goesWith: ['whole-milk', 'blueberry-muffin'],
  },
  {
    id: 'decaf-coffee',
    name: 'Decaf coffee 250 g',
    category: 'coffee & tea',
    priceCents: 699,
    shape: 'bag',
    goesWith: ['oat-milk'],
  },
  {
    id: 'cold-brew',
    name: 'Cold brew coffee',
    category: 'coffee & tea',
    priceCents: 329,
    shape: 'bottle',
    promoted: true,
  },
  {
    id: 'earl-grey-tea',
    name: 'Earl Grey tea, 40 bags',
    category: 'coffee & tea',
    priceCents: 379,
    shape: 'box',
    goesWith: ['lemons', 'honey'],
  },
  {
    id: 'green-tea',
    name: 'Green tea, 20 bags',
    category: 'coffee & tea',
    priceCents: 349,
    shape: 'box',
    goesWith: ['honey'],
  },
  {
    id: 'chai-latte-mix',
    name: 'Chai latte mix',
    category: 'coffee & tea',
    priceCents: 429,
    shape: 'jar',
    inactive: true,
    goesWith: ['oat-milk'],
  },

  { id: 'whole-milk', name: 'Whole milk 1 L', category: 'dairy', priceCents: 119, shape: 'carton' },
  { id: 'oat-milk', name: 'Oat milk 1 L', category: 'dairy', priceCents: 229, shape: 'carton' },
  {
    id: 'greek-yoghurt',
    name: 'Greek yoghurt 500 g',
    category: 'dairy',
    priceCents: 289,
    shape: 'tub',
    goesWith: ['strawberries', 'honey'],
  },
  { id: 'butter', name: 'Butter 250 g', category: 'dairy', priceCents: 279, shape: 'box' },
  { id: 'cheddar', name: 'Mature cheddar 200 g', category: 'dairy', priceCents: 349, shape: 'wedge' },
  {
    id: 'eggs',
    name: '6 free-range eggs',
    category: 'dairy',
    priceCents: 299,
    shape: 'egg',
    goesWith: ['baby-spinach'],
  },
  {
    id: 'mozzarella',
    name: 'Mozzarella 125 g',
    category: 'dairy',
    priceCents: 179,
    shape: 'round',
    goesWith: ['tomatoes'],
  },

  {
    id: 'bananas',
    name: 'Bananas',
    category: 'fruit & veg',
    priceCents: 149,
    shape: 'crescent',
    goesWith: ['peanut-butter'],
  },
  { id: 'apples', name: 'Apples 1 kg', category: 'fruit & veg', priceCents: 299, shape: 'round' },
  { id: 'avocado', name: 'Avocado', category: 'fruit & veg', priceCents: 129, shape: 'egg' },
  { id: 'tomatoes', name: 'Tomatoes 500 g', category: 'fruit & veg', priceCents: 219, shape: 'round' },
  { id: 'baby-spinach', name: 'Baby spinach 200 g', category: 'fruit & veg', priceCents: 179, shape: 'leaf' },
  { id: 'lemons', name: 'Lemons, 3', category: 'fruit & veg', priceCents: 139, shape: 'egg' },
  {
    id: 'strawberries',
    name: 'Strawberries 400 g',
    category: 'fruit & veg',
    priceCents: 349,
    shape: 'round',
    promoted: true,
  },

  {
    id: 'spaghetti',
    name: 'Spaghetti 500 g',
    category: 'pantry',
    priceCents: 149,
    shape: 'box',
    goesWith: ['tomato-passata', 'mozzarella'],
  },
  { id: 'tomato-passata', name: 'Tomato passata 700 g', category: 'pantry', priceCents: 129, shape: 'jar' },
  { id: 'olive-oil', name: 'Olive oil 500 ml', category: 'pantry', priceCents: 749, shape: 'bottle' },
  {
    id: 'basmati-rice',
    name: 'Basmati rice 1 kg',
    category: 'pantry',
    priceCents: 279,
    shape: 'bag',
    goesWith: ['chickpeas'],
  },
  { id: 'chickpeas', name: 'Chickpeas 400 g', category: 'pantry', priceCents: 99, shape: 'tin' },
  { id: 'peanut-butter', name: 'Peanut butter 340 g', category: 'pantry', priceCents: 329, shape: 'jar' },
  { id: 'honey', name: 'Honey 340 g', category: 'pantry', priceCents: 449, shape: 'jar', promoted: true },
  { id: 'dark-chocolate', name: 'Dark chocolate 100 g', category: 'pantry', priceCents: 229, shape: 'bar' },

  {
    id: 'washing-up-liquid',
    name: 'Washing-up liquid',
    category: 'household',
    priceCents: 249,
    shape: 'bottle',
    goesWith: ['sponges'],
  },
  { id: 'kitchen-roll', name: 'Kitchen roll, 2', category: 'household', priceCents: 329, shape: 'roll' },
  { id: 'laundry-liquid', name: 'Laundry liquid 1.5 L', category: 'household', priceCents: 899, shape: 'bottle' },
  { id: 'sponges', name: 'Sponges, 3', category: 'household', priceCents: 179, shape: 'box' },
  { id: 'bin-bags', name: 'Bin bags, 20', category: 'household', priceCents: 299, shape: 'roll' },
  { id: 'hand-soap', name: 'Hand soap 250 ml', category: 'household', priceCents: 229, shape: 'bottle' },
];

/** 36 demo customers with plausible, varied names. E-mails are derived from them at @example.com. */
export const DEMO_CUSTOMER_NAMES: readonly (readonly [first: string, last: string])[] = [
  ['Amara', 'Okafor'],
  ['Liam', 'Murphy'],
  ['Sofia', 'Rossi'],
  ['Hiroshi', 'Tanaka'],
  ['Priya', 'Sharma'],
  ['Mateo', 'García'],
  ['Fatima', 'Al-Sayed'],
  ['Noah', 'Schmidt'],
  ['Aisha', 'Bello'],
  ['Wei', 'Chen'],
  ['Olga', 'Petrova'],
  ['Kwame', 'Mensah'],
  ['Emma', 'Johansson'],
  ['Diego', 'Fernández'],
  ['Yuki', 'Sato'],
  ['Zanele', 'Dlamini'],
  ['Lucas', 'Dubois'],
  ['Mei', 'Lin'],
  ['Omar', 'Haddad'],
  ['Ingrid', 'Larsen'],
  ['Rahul', 'Patel'],
  ['Chloé', 'Martin'],
  ['Tomasz', 'Nowak'],
  ['Leila', 'Rahimi'],
  ['Samuel', 'Cohen'],
  ['Ana', 'Silva'],
  ['Kofi', 'Asante'],
  ['Hannah', 'Weber'],
  ['Arjun', 'Nair'],
  ['Isabella', 'Costa'],
  ['Minh', 'Nguyen'],
  ['Freya', 'Campbell'],
  ['Jamal', 'Washington'],
  ['Nadia', 'Kowalski'],
  ['Ethan', "O'Brien"],
  ['Seo-yeon', 'Park'],
];

/** first.last@example.com with accents removed and anything but letters, digits and dashes dropped. */
export function demoEmail(first: string, last: string): string {
  const clean = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
  return `${clean(first)}.${clean(last)}@example.com`;
}
