import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';

/** Paths that are never the web app's: the JSON API, its docs, the operators' pages. */
export const NOT_WEB_PATHS = /^\/(api|health|metrics|ops)(\/|$)/i;

/**
 * The built web app (`npm run build` writes dist/web) on the api's own origin: its files,
 * and index.html for every other page path (`/inbox`, `/matters/…`), so a link from a mail
 * opens the page. Hashed assets are cached for a year; index.html is revalidated, so a new
 * release is picked up at the next load. No module when the directory holds no build.
 */
export function webAppModule(distDir: string): DynamicModule[] {
  const root = resolve(distDir);
  if (!existsSync(join(root, 'index.html'))) return [];
  const assets = join(root, 'assets') + sep;
  return [
    ServeStaticModule.forRoot({
      rootPath: root,
      exclude: NOT_WEB_PATHS,
      serveStaticOptions: {
        index: false,
        setHeaders: (res: Response, path: string) => {
          res.setHeader('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }),
  ];
}
