import type { Plugin } from 'vite';

/** Shrinks the static text of Lit `html` and `css` tagged templates; null when unchanged. */
export function minifyTemplates(code: string, fileName: string): string | null;
export function minifyTemplatesPlugin(): Plugin;
