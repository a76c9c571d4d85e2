import type { Rng } from './catalog-generator-rng';

/**
 * What an Argentine phone-and-computer shop actually stocks, as product families the generator draws from.
 * Prices are in pesos at early-2026 street levels; the generator jitters them and turns them into centavos.
 * Phones, tablets and notebooks carry 10.5 % IVA (the reduced rate for Tierra del Fuego electronics); the rest 21 %.
 */
export interface ProductDraft {
  name: string;
  brand: string;
  pricePesos: number;
}

export interface ProductFamily {
  category: string;
  /** Three letters that open the SKU, so a SKU tells a clerk its aisle. */
  skuPrefix: string;
  /** Relative share of the catalog. */
  weight: number;
  ivaRateBp: 1050 | 2100;
  /** Phones and notebooks are sold by IMEI / serial number. */
  serialTracked: boolean;
  minStock: readonly [number, number];
  initialStock: readonly [number, number];
  /** Bounds the jittered price, so a family never leaves its realistic band. */
  pricePesos: readonly [number, number];
  draw(rng: Rng): ProductDraft;
}

const PHONE_COLOURS = ['Negro', 'Azul', 'Blanco', 'Verde', 'Violeta', 'Gris', 'Celeste', 'Rosa', 'Grafito', 'Plata'];

/** Phone models: display name, brand, base price, storage options (GB), a short name parts and cases use. */
const PHONES = [
  ['Samsung Galaxy A05', 'Samsung', 250_000, [64, 128], 'Samsung A05'],
  ['Samsung Galaxy A15', 'Samsung', 380_000, [128, 256], 'Samsung A15'],
  ['Samsung Galaxy A25', 'Samsung', 520_000, [128, 256], 'Samsung A25'],
  ['Samsung Galaxy A35', 'Samsung', 700_000, [128, 256], 'Samsung A35'],
  ['Samsung Galaxy A55', 'Samsung', 900_000, [128, 256], 'Samsung A55'],
  ['Samsung Galaxy S24', 'Samsung', 1_600_000, [128, 256, 512], 'Samsung S24'],
  ['Samsung Galaxy S24 Ultra', 'Samsung', 2_150_000, [256, 512], 'Samsung S24 Ultra'],
  ['Motorola Moto E14', 'Motorola', 250_000, [64], 'Moto E14'],
  ['Motorola Moto G24', 'Motorola', 280_000, [128], 'Moto G24'],
  ['Motorola Moto G54', 'Motorola', 390_000, [128, 256], 'Moto G54'],
  ['Motorola Moto G84', 'Motorola', 520_000, [256], 'Moto G84'],
  ['Motorola Edge 40', 'Motorola', 850_000, [256], 'Motorola Edge 40'],
  ['Motorola Edge 50 Pro', 'Motorola', 1_100_000, [256, 512], 'Motorola Edge 50'],
  ['iPhone 13', 'Apple', 1_250_000, [128, 256], 'iPhone 13'],
  ['iPhone 14', 'Apple', 1_450_000, [128, 256], 'iPhone 14'],
  ['iPhone 15', 'Apple', 1_750_000, [128, 256, 512], 'iPhone 15'],
  ['iPhone 15 Pro', 'Apple', 2_200_000, [128, 256], 'iPhone 15 Pro'],
  ['Xiaomi Redmi 13C', 'Xiaomi', 270_000, [128, 256], 'Redmi 13C'],
  ['Xiaomi Redmi Note 13', 'Xiaomi', 420_000, [128, 256], 'Redmi Note 13'],
  ['Xiaomi Redmi Note 13 Pro', 'Xiaomi', 650_000, [256, 512], 'Redmi Note 13 Pro'],
  ['Xiaomi Poco X6', 'Xiaomi', 620_000, [256, 512], 'Poco X6'],
  ['TCL 40 SE', 'TCL', 250_000, [128, 256], 'TCL 40 SE'],
  ['TCL 505', 'TCL', 280_000, [128], 'TCL 505'],
  ['ZTE Blade A54', 'ZTE', 250_000, [64, 128], 'ZTE A54'],
] as const;

/** Older models too: repairs outlive the shelf life of a phone. */
const REPAIRED_DEVICES = [
  ...PHONES.map((p) => [p[4], p[1]] as const),
  ...(['A10', 'A12', 'A13', 'A14', 'A20', 'A21s', 'A22', 'A32', 'A52', 'A54', 'S21', 'S22', 'S23'] as const).map(
    (m) => [`Samsung ${m}`, 'Samsung'] as const,
  ),
  ...(['G8', 'G9 Play', 'G20', 'G22', 'G31', 'G52', 'E20', 'E22', 'Edge 30'] as const).map(
    (m) => [`Moto ${m}`, 'Motorola'] as const,
  ),
  ...(['7', '8', 'X', 'XR', '11', '12'] as const).map((m) => [`iPhone ${m}`, 'Apple'] as const),
  ...(['Redmi 9', 'Redmi Note 8', 'Redmi Note 10', 'Redmi Note 11', 'Redmi Note 12'] as const).map(
    (m) => [`Xiaomi ${m}`, 'Xiaomi'] as const,
  ),
];

/** Part kind and its price in pesos; `quality` lists the grades a part comes in. */
const PARTS = [
  ['Módulo pantalla', 95_000, ['Original', 'OLED', 'Incell']],
  ['Batería', 35_000, ['', 'Original']],
  ['Pin de carga tipo C', 15_000, ['']],
  ['Placa de carga', 22_000, ['']],
  ['Flex de encendido', 16_000, ['']],
  ['Flex de volumen', 16_000, ['']],
  ['Cámara trasera', 60_000, ['']],
  ['Cámara frontal', 30_000, ['']],
  ['Tapa trasera', 25_000, ['Negra', 'Blanca', 'Azul']],
  ['Parlante altavoz', 15_000, ['']],
  ['Auricular interno', 15_000, ['']],
  ['Bandeja SIM', 15_000, ['Negra', 'Plateada']],
  ['Vidrio de cámara', 15_000, ['']],
] as const;

const NOTEBOOKS = [
  ['Lenovo IdeaPad 3', 'Lenovo', 650_000],
  ['Lenovo IdeaPad Slim 3', 'Lenovo', 750_000],
  ['Lenovo ThinkPad E14', 'Lenovo', 1_300_000],
  ['HP 15', 'HP', 600_000],
  ['HP 14', 'HP', 560_000],
  ['HP Victus 15', 'HP', 1_350_000],
  ['Asus Vivobook 15', 'Asus', 680_000],
  ['Asus Vivobook Go 14', 'Asus', 520_000],
  ['Asus TUF Gaming F15', 'Asus', 1_500_000],
  ['Acer Aspire 5', 'Acer', 720_000],
  ['Acer Nitro V 15', 'Acer', 1_400_000],
  ['Dell Inspiron 15', 'Dell', 800_000],
  ['BGH Positivo', 'BGH', 450_000],
  ['Exo Smart', 'Exo', 420_000],
] as const;
const CPUS = [
  ['Intel Celeron', 0.8],
  ['Intel Core i3', 0.9],
  ['Intel Core i5', 1.1],
  ['Intel Core i7', 1.4],
  ['Ryzen 3', 0.9],
  ['Ryzen 5', 1.1],
  ['Ryzen 7', 1.35],
] as const;

const ACCESSORY_BRANDS = ['Samsung', 'Motorola', 'Xiaomi', 'Soul', 'Noga', 'Anker', 'Baseus', 'Kolke', 'Philco'];

function family(
  category: string,
  skuPrefix: string,
  weight: number,
  pricePesos: readonly [number, number],
  draw: (rng: Rng) => ProductDraft,
  extra: Partial<Pick<ProductFamily, 'ivaRateBp' | 'serialTracked' | 'minStock' | 'initialStock'>> = {},
): ProductFamily {
  return {
    category,
    skuPrefix,
    weight,
    pricePesos,
    draw,
    ivaRateBp: extra.ivaRateBp ?? 2100,
    serialTracked: extra.serialTracked ?? false,
    minStock: extra.minStock ?? [3, 10],
    initialStock: extra.initialStock ?? [0, 60],
  };
}

const phoneDevice = (rng: Rng) => rng.pick(PHONES)[4];
const words = (...parts: readonly (string | number)[]) => parts.filter((p) => p !== '').join(' ');

export const PRODUCT_FAMILIES: readonly ProductFamily[] = [
  family(
    'Celulares',
    'CEL',
    12,
    [230_000, 2_500_000],
    (rng) => {
      const [name, brand, pesos, storages] = rng.pick(PHONES);
      const step = rng.int(0, storages.length - 1);
      const storage = storages[step] ?? storages[0];
      return {
        name: words(name, storage, 'GB', rng.pick(PHONE_COLOURS)),
        brand,
        pricePesos: pesos * (1 + 0.18 * step),
      };
    },
    { ivaRateBp: 1050, serialTracked: true, minStock: [1, 3], initialStock: [0, 12] },
  ),
  family(
    'Tablets',
    'TAB',
    3,
    [200_000, 2_000_000],
    (rng) => {
      const [name, brand, pesos] = rng.pick([
        ['Samsung Galaxy Tab A9', 'Samsung', 330_000],
        ['Samsung Galaxy Tab S9 FE', 'Samsung', 900_000],
        ['Lenovo Tab M10', 'Lenovo', 280_000],
        ['Xiaomi Redmi Pad SE', 'Xiaomi', 380_000],
        ['iPad 10.ª generación', 'Apple', 1_100_000],
      ] as const);
      const [storage, factor] = rng.pick([
        [64, 1],
        [128, 1.2],
        [256, 1.45],
      ] as const);
      return {
        name: words(name, storage, 'GB', rng.pick(['Gris', 'Plata', 'Azul'])),
        brand,
        pricePesos: pesos * factor,
      };
    },
    { ivaRateBp: 1050, serialTracked: true, minStock: [1, 2], initialStock: [0, 6] },
  ),
  family(
    'Notebooks',
    'NBK',
    7,
    [380_000, 3_500_000],
    (rng) => {
      const [line, brand, pesos] = rng.pick(NOTEBOOKS);
      const [cpu, cpuFactor] = rng.pick(CPUS);
      const ram = rng.pick([8, 16, 32]);
      const ssd = rng.pick(['256 GB', '512 GB', '1 TB']);
      const screen = line.includes('14') ? '14"' : '15.6"';
      const factor = cpuFactor * (1 + (ram - 8) / 40) * (ssd === '1 TB' ? 1.15 : ssd === '512 GB' ? 1.05 : 1);
      return { name: words('Notebook', line, screen, cpu, ram, 'GB', ssd, 'SSD'), brand, pricePesos: pesos * factor };
    },
    { ivaRateBp: 1050, serialTracked: true, minStock: [1, 2], initialStock: [0, 6] },
  ),
  family('Accesorios', 'ACC', 10, [8_000, 60_000], (rng) => {
    const watts = rng.pick([20, 25, 33, 45, 65]);
    const brand = rng.pick([...ACCESSORY_BRANDS, 'Apple']);
    const kind = rng.pick(['USB-C', 'doble USB-A/USB-C', 'auto USB-C']);
    const pesos = (8_000 + watts * 550) * (brand === 'Apple' ? 1.6 : 1);
    return {
      name: words('Cargador', kind, watts, 'W', brand, rng.pick(['Blanco', 'Negro'])),
      brand,
      pricePesos: pesos,
    };
  }),
  family('Accesorios', 'ACC', 9, [8_000, 60_000], (rng) => {
    const [kind, pesos] = rng.pick([
      ['USB-C a USB-C', 12_000],
      ['USB-A a USB-C', 9_000],
      ['Lightning', 14_000],
      ['USB-C a Lightning', 18_000],
      ['Micro USB', 8_000],
    ] as const);
    const length = rng.pick(['1 m', '1,5 m', '2 m']);
    const brand = rng.pick(ACCESSORY_BRANDS);
    return { name: words('Cable', kind, length, brand, rng.pick(['Blanco', 'Negro'])), brand, pricePesos: pesos * 1.2 };
  }),
  family('Accesorios', 'ACC', 10, [8_000, 60_000], (rng) => {
    const [kind, pesos] = rng.pick([
      ['silicona', 12_000],
      ['transparente', 9_000],
      ['antigolpe', 15_000],
      ['tipo libro', 18_000],
    ] as const);
    const colour = kind === 'transparente' ? '' : rng.pick(['Negra', 'Azul', 'Roja', 'Rosa', 'Verde', 'Lila']);
    return { name: words('Funda', kind, phoneDevice(rng), colour), brand: 'Genérico', pricePesos: pesos };
  }),
  family('Accesorios', 'ACC', 6, [8_000, 60_000], (rng) => {
    const kind = rng.pick(['Vidrio templado', 'Vidrio templado 9D', 'Vidrio templado privacidad', 'Lámina hidrogel']);
    return { name: words(kind, phoneDevice(rng)), brand: 'Genérico', pricePesos: rng.int(8_000, 16_000) };
  }),
  family('Accesorios', 'ACC', 5, [8_000, 60_000], (rng) => {
    const [kind, capacity, pesos] = rng.pick([
      ['Power bank', '5000 mAh', 22_000],
      ['Power bank', '10000 mAh', 32_000],
      ['Power bank', '20000 mAh', 52_000],
      ['Memoria microSD', '64 GB', 12_000],
      ['Memoria microSD', '128 GB', 19_000],
      ['Memoria microSD', '256 GB', 38_000],
      ['Pendrive', '64 GB', 10_000],
      ['Pendrive', '128 GB', 16_000],
    ] as const);
    const brand = kind === 'Power bank' ? rng.pick(ACCESSORY_BRANDS) : rng.pick(['SanDisk', 'Kingston']);
    return { name: words(kind, capacity, brand), brand, pricePesos: pesos };
  }),
  family('Accesorios', 'ACC', 4, [8_000, 60_000], (rng) => {
    const [name, brand, pesos] = rng.pick([
      ['Soporte celular auto magnético', 'Soul', 12_000],
      ['Soporte celular auto rejilla', 'Noga', 9_000],
      ['Mouse inalámbrico Logitech M170', 'Logitech', 16_000],
      ['Mouse inalámbrico Genius NX-7000', 'Genius', 12_000],
      ['Teclado inalámbrico Logitech K380', 'Logitech', 48_000],
      ['Mochila notebook 15.6"', 'Kolke', 38_000],
      ['Cargador notebook USB-C 65 W', 'Noga', 36_000],
      ['Auriculares con cable USB-C', 'Samsung', 14_000],
      ['Auriculares con cable 3.5 mm', 'Philco', 8_500],
    ] as const);
    return { name: words(name, rng.pick(['Negro', 'Gris', 'Blanco'])), brand, pricePesos: pesos };
  }),
  family(
    'Audio',
    'AUD',
    6,
    [20_000, 450_000],
    (rng) => {
      const [name, brand, pesos] = rng.pick([
        ['Auriculares Bluetooth JBL Tune 520BT', 'JBL', 75_000],
        ['Auriculares Bluetooth Sony WH-CH520', 'Sony', 85_000],
        ['Auriculares Bluetooth Xiaomi Redmi Buds 5', 'Xiaomi', 45_000],
        ['Auriculares Bluetooth Samsung Galaxy Buds FE', 'Samsung', 150_000],
        ['Auriculares Bluetooth Apple AirPods 3.ª generación', 'Apple', 380_000],
        ['Auriculares Bluetooth Soul S-Pods', 'Soul', 25_000],
        ['Parlante Bluetooth JBL Go 4', 'JBL', 70_000],
        ['Parlante Bluetooth JBL Flip 6', 'JBL', 210_000],
        ['Parlante Bluetooth JBL Charge 5', 'JBL', 300_000],
        ['Parlante Bluetooth Sony SRS-XB100', 'Sony', 90_000],
        ['Parlante Bluetooth Noga Boom', 'Noga', 30_000],
      ] as const);
      return { name: words(name, rng.pick(['Negro', 'Azul', 'Blanco', 'Rojo'])), brand, pricePesos: pesos };
    },
    { minStock: [2, 5], initialStock: [0, 20] },
  ),
  family(
    'Smartwatches',
    'SWT',
    3,
    [50_000, 800_000],
    (rng) => {
      const [name, brand, pesos] = rng.pick([
        ['Smartwatch Xiaomi Redmi Watch 4', 'Xiaomi', 110_000],
        ['Smartwatch Amazfit Bip 5', 'Amazfit', 120_000],
        ['Smartwatch Samsung Galaxy Watch6 40 mm', 'Samsung', 380_000],
        ['Smartwatch Apple Watch SE 40 mm', 'Apple', 650_000],
        ['Smartband Xiaomi Smart Band 8', 'Xiaomi', 60_000],
      ] as const);
      return { name: words(name, rng.pick(['Negro', 'Plata', 'Rosa'])), brand, pricePesos: pesos };
    },
    { minStock: [1, 3], initialStock: [0, 10] },
  ),
  family(
    'Repuestos',
    'REP',
    25,
    [15_000, 200_000],
    (rng) => {
      const [device, brand] = rng.pick(REPAIRED_DEVICES);
      const [part, pesos, grades] = rng.pick(PARTS);
      const premium = brand === 'Apple' || device.includes(' S2') || device.includes('Edge') ? 1.7 : 1;
      const grade = rng.pick(grades);
      const gradeFactor = grade === 'Original' ? 1.5 : grade === 'Incell' ? 0.7 : 1;
      return { name: words(part, device, grade), brand, pricePesos: pesos * premium * gradeFactor };
    },
    { minStock: [1, 5], initialStock: [0, 15] },
  ),
  family(
    'Repuestos',
    'REP',
    2,
    [15_000, 200_000],
    (rng) => {
      const [line, brand] = rng.pick(NOTEBOOKS);
      const [part, pesos] = rng.pick([
        ['Teclado notebook', 45_000],
        ['Batería notebook', 70_000],
        ['Pantalla notebook 30 pines', 130_000],
        ['Cooler notebook', 25_000],
        ['Bisagras notebook', 30_000],
      ] as const);
      return { name: words(part, line), brand, pricePesos: pesos };
    },
    { minStock: [1, 3], initialStock: [0, 8] },
  ),
];
