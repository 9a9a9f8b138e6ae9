/** A scan file as the pipeline sees it: a name (for messages) and its text. */
export interface Source {
  name: string;
  text: string;
}

/** Offsets into `Source.text`, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface Position {
  line: number; // 1-based
  column: number; // 1-based
}

/** Offsets at which each line starts; computed only when a position is printed. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

export function span(start: number, end: number): Span {
  return { start, end };
}
