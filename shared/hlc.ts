/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so timestamps follow real
 * time where clocks agree and still order causally where they do not. Encoded as text that sorts in clock
 * order: `<15-digit ms>-<6-digit counter>-<node>`. The node (a terminal id) breaks ties deterministically.
 */
export interface HlcTimestamp {
  wallMs: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 999_999;

export function encodeHlc(ts: HlcTimestamp): string {
  return `${String(ts.wallMs).padStart(15, '0')}-${String(ts.counter).padStart(6, '0')}-${ts.node}`;
}

export function decodeHlc(text: string): HlcTimestamp | null {
  const match = /^(\d{15})-(\d{6})-(.+)$/.exec(text);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { wallMs: Number(match[1]), counter: Number(match[2]), node: match[3] };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class HlcClock {
  private last: HlcTimestamp;

  constructor(
    private readonly node: string,
    private readonly wallClock: () => number,
    resumeFrom?: string | null,
  ) {
    const resumed = resumeFrom ? decodeHlc(resumeFrom) : null;
    this.last = resumed ? { ...resumed, node } : { wallMs: 0, counter: 0, node };
  }

  /** A timestamp for a local event, strictly greater than every one issued or received before. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.last.wallMs) {
      this.last = { wallMs: wall, counter: 0, node: this.node };
    } else {
      this.last = { wallMs: this.last.wallMs, counter: this.bump(this.last.counter), node: this.node };
    }
    return encodeHlc(this.last);
  }

  /** Merges a timestamp seen from elsewhere (central's, on every sync response): ours never falls behind it. */
  receive(remoteText: string): void {
    const remote = decodeHlc(remoteText);
    if (!remote) return;
    const wall = this.wallClock();
    const maxWall = Math.max(wall, this.last.wallMs, remote.wallMs);
    let counter = 0;
    if (maxWall === this.last.wallMs && maxWall === remote.wallMs) {
      counter = this.bump(Math.max(this.last.counter, remote.counter));
    } else if (maxWall === this.last.wallMs) {
      counter = this.bump(this.last.counter);
    } else if (maxWall === remote.wallMs) {
      counter = this.bump(remote.counter);
    }
    this.last = { wallMs: maxWall, counter, node: this.node };
  }

  private bump(counter: number): number {
    if (counter >= MAX_COUNTER) throw new RangeError('HLC counter overflow: the wall clock is stuck');
    return counter + 1;
  }
}
