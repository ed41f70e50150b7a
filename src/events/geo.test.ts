import { describe, expect, it } from 'vitest';
import { boundingBox, distanceM, lockKey, neighbourhoodCells } from './geo.js';

describe('geo helpers for merging', () => {
  it('measures a known distance (one degree of latitude is about 111 km)', () => {
    expect(distanceM(30, 119.7, 31, 119.7)).toBeGreaterThan(111_000);
    expect(distanceM(30, 119.7, 31, 119.7)).toBeLessThan(111_400);
    expect(distanceM(30.2, 119.7, 30.2, 119.7)).toBe(0);
  });

  it('boxes every point within the radius', () => {
    const b = boundingBox(30.23, 119.72, 200);
    for (let a = 0; a < 360; a += 15) {
      const lat = 30.23 + (199 / 111_320) * Math.sin((a * Math.PI) / 180);
      const lon = 119.72 + (199 / (111_320 * Math.cos((30.23 * Math.PI) / 180))) * Math.cos((a * Math.PI) / 180);
      expect(lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon).toBe(true);
    }
  });

  it('gives any two points closer than the radius a lock cell in common', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i++) {
      const lat = 30 + rand() * 0.5;
      const lon = 119 + rand() * 0.5;
      const r = 200;
      const ang = rand() * 2 * Math.PI;
      const d = rand() * r * 0.999;
      const lat2 = lat + (d / 111_320) * Math.sin(ang);
      const lon2 = lon + (d / (111_320 * Math.cos((lat * Math.PI) / 180))) * Math.cos(ang);
      if (distanceM(lat, lon, lat2, lon2) > r) continue;
      const a = new Set(neighbourhoodCells('x', lat, lon, r));
      expect(neighbourhoodCells('x', lat2, lon2, r).some((c) => a.has(c))).toBe(true);
    }
  });

  it('keeps categories apart and gives stable signed 64-bit keys', () => {
    expect(neighbourhoodCells('a', 30, 119, 100)).not.toEqual(neighbourhoodCells('b', 30, 119, 100));
    expect(lockKey('key:x')).toBe(lockKey('key:x'));
    const k = BigInt(lockKey('key:y'));
    expect(k >= -(2n ** 63n) && k < 2n ** 63n).toBe(true);
  });
});
