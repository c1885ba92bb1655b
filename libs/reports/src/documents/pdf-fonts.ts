/**
 * The CJK font PDFs are set in: Noto Sans SC (regular, semibold and bold) from the npm package
 * `@expo-google-fonts/noto-sans-sc`, found with Node's resolver, read once per process
 * (10 MB each) and kept; each PDF embeds only the glyphs it uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  semibold: '@expo-google-fonts/noto-sans-sc/600SemiBold/NotoSansSC_600SemiBold.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof FILES;

const cache = new Map<FontWeight, Buffer>();

export function cjkFont(weight: FontWeight): Buffer {
  let buffer = cache.get(weight);
  if (!buffer) {
    const path = createRequire(import.meta.url).resolve(FILES[weight]);
    buffer = readFileSync(path);
    cache.set(weight, buffer);
  }
  return buffer;
}
