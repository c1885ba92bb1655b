/**
 * What the demo prints: one line per scenario step and per mail, each with the time since
 * the scenario started, and the progress `[7/31 steps]` on every step line.
 */
export class Timeline {
  private started = Date.now();
  private done = 0;
  total = 0;

  constructor(private readonly write: (line: string) => void = (l) => console.log(l)) {}

  /** Times count from now on. */
  restart(): void {
    this.started = Date.now();
  }

  clock(): string {
    const s = Math.floor((Date.now() - this.started) / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  }

  seconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** A step that reached its expected state (✓) or did not (✗). */
  step(ok: boolean, line: string): void {
    this.done += 1;
    this.write(`${this.clock()} ${ok ? '✓' : '✗'} ${line}  [${this.done}/${this.total} steps]`);
  }

  mail(to: string[], subject: string): void {
    this.write(`${this.clock()}   ✉ to=${to.join(',')} subject=${subject}`);
  }

  note(line: string): void {
    this.write(`${this.clock()}   ${line}`);
  }
}

/** Lines before the scenario starts: `[demo] …`. */
export const say = (line: string): void => console.log(`[demo] ${line}`);
