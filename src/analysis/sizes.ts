/** Byte sizes and increases as users write them in inputs and flags. */

/**
 * Parses a size such as `512KB`, `1.5MB`, `2MiB`, `1024` (bytes). KB/KiB = 1024 bytes, MB/MiB = 1024², GB/GiB = 1024³.
 * Throws an Error whose message quotes the text and shows accepted examples; callers prefix the input name.
 */
export function parseSize(text: string): number {
  throw new Error('not implemented');
}

export type Increase = { kind: 'percent'; value: number } | { kind: 'bytes'; value: number };

/** Parses an allowed increase: `10%` or a size (`256KB`). Throws like parseSize. */
export function parseIncrease(text: string): Increase {
  throw new Error('not implemented');
}
