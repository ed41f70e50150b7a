import type { TianmuModule } from '../platform/module.js';

/** 一人一档 · 一企一档: entity resolution, golden records, person and enterprise files, the marriage library. */
export const identityModule: TianmuModule = {
  name: 'identity',
};
