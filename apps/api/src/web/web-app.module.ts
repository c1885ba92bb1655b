import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { NextFunction, Request, Response } from 'express';

/** Paths that are never the web app's: the JSON API, its docs, the operators' pages. */
export const NOT_WEB_PATHS = /^\/(api|health|metrics|ops)(\/|$)/i;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The build writes `x.js.br` and `x.js.gz` beside each text asset (apps/web/vite.config.ts):
 * a browser that accepts brotli or gzip gets that file, with the original's type, from the
 * same static handler (which keeps its caching headers and range support). No compression per
 * request: the files were compressed once, at the strongest setting.
 */
export function precompressedAssets(root: string) {
  const assets = join(root, 'assets') + sep;
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
    const type = TYPES[extname(req.path)];
    let file: string;
    try {
      file = normalize(join(root, decodeURIComponent(req.path)));
    } catch {
      return next();
    }
    if (!type || !file.startsWith(assets)) return next();
    const accepts = String(req.headers['accept-encoding'] ?? '');
    res.setHeader('Vary', 'Accept-Encoding');
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!new RegExp(`\\b${encoding}\\b`).test(accepts) || !existsSync(file + suffix)) continue;
      res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Type', type);
      req.url = req.path + suffix;
      break;
    }
    next();
  };
}

/** The directory of the built web app, for PrecompressedAssetsModule. */
const WEB_ROOT = Symbol('WEB_ROOT');

/** Puts precompressedAssets in front of the static files (listed first, its hook runs before ServeStaticModule's). */
@Module({})
class PrecompressedAssetsModule implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(WEB_ROOT) private readonly root: string,
  ) {}
  onModuleInit(): void {
    this.host.httpAdapter.use(precompressedAssets(this.root));
  }
}

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
    { module: PrecompressedAssetsModule, providers: [{ provide: WEB_ROOT, useValue: root }] },
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
