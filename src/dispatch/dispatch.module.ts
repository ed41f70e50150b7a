import type { TianmuModule } from '../platform/module.js';

/** 一网统管 · 闭环处置: routing, the case lifecycle, SLA and escalation, notifications. */
export const dispatchModule: TianmuModule = {
  name: 'dispatch',
};
