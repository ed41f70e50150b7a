/** The compiled CLI entry under `root` (default: this repository), rebuilt first when stale; null when it cannot be built. */
export function serverEntry(root?: string): Promise<string | null>;
