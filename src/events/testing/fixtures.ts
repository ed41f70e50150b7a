import type { PublishInput } from '../event-input.js';

export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0'), Buffer.alloc(200, 1)]);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 2)]);
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

/** 天目山镇 and one of its villages; 玲珑街道 is another town. */
export const TOWN = '330112116';
export const VILLAGE = '330112116217';
export const OTHER_TOWN = '330112002';

/** A point in Lin'an moved `north` and `east` metres. */
export function near(north: number, east = 0): { lat: number; lon: number } {
  const lat = 30.3 + north / 111_320;
  return { lat, lon: 119.45 + east / (111_320 * Math.cos((30.3 * Math.PI) / 180)) };
}

export function roadDamage(overrides: Partial<PublishInput> = {}): PublishInput {
  return {
    source: 'test.camera',
    category: 'road-damage',
    title: '路面坑洞',
    description: '青山路口路面塌陷约半米',
    location: { ...near(0), regionCode: VILLAGE, address: '青山路 12 号' },
    ...overrides,
  };
}
