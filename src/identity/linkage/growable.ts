/** Append-only typed arrays that double as they grow: pair lists without a JS number per entry. */
export class GrowableInt32 {
  private buf = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }

  /** A trimmed copy; the builder can be dropped afterwards. */
  toArray(): Int32Array {
    return this.buf.slice(0, this.length);
  }
}
