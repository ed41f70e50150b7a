export function ensureConsoleBuilt(opts?: { quiet?: boolean }): void;
