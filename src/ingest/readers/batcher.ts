import type { SourceItem } from './types.js';

/** Collects items into batches of a fixed size; readers yield `takeFull()` between input chunks. */
export class Batcher {
  private current: SourceItem[] = [];
  private full: SourceItem[][] = [];

  constructor(private readonly size: number) {}

  add(item: SourceItem): void {
    this.current.push(item);
    if (this.current.length >= this.size) {
      this.full.push(this.current);
      this.current = [];
    }
  }

  takeFull(): SourceItem[][] {
    const full = this.full;
    this.full = [];
    return full;
  }

  takeAll(): SourceItem[][] {
    const all = this.takeFull();
    if (this.current.length) all.push(this.current);
    this.current = [];
    return all;
  }
}
