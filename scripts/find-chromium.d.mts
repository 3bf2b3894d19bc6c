/** The Chromium or Chrome binary for the browser tests: CHROME_PATH first, then usual places. */
export function findChromium(): string | undefined;
/** Flags for headless Chromium on these machines (no sandbox as root, no background traffic). */
export const CHROMIUM_ARGS: readonly string[];
