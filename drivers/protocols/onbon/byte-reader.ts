/** Reads little-endian fields off a buffer; running past the end throws (a malformed frame). */
export class ByteReader {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}

  get left(): number {
    return this.bytes.length - this.at;
  }

  u8(): number {
    return this.take(1)[0]!;
  }
  u16(): number {
    return this.take(2).readUInt16LE(0);
  }
  u32(): number {
    return this.take(4).readUInt32LE(0);
  }

  take(n: number): Buffer {
    if (n > this.left) throw new RangeError(`frame ends ${n - this.left} bytes early`);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}
