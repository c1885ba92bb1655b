# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot jobs (migrate, seed, import); docker-compose.yml picks
# the command, always the built JavaScript in dist/ (the runtime image has no TypeScript).
#
# Dependencies are installed with `npm install` against the committed package-lock.json, never `npm ci`:
# the lockfile lacks some other-platform optional binaries, so `npm ci` refuses it (see README).
# `--ignore-scripts` mirrors package.json "allowScripts" (the image's npm 10 does not read that field):
# dependencies' install scripts stay off, and native addons (@node-rs/argon2, msgpackr-extract) load the
# prebuilt per-platform binaries their packages ship. The smoke test below fails the build, rather than
# the first login, if the password hasher's binary does not load.
#
# Node 22 LTS, the version .nvmrc names (Node 20 is past its end of life; @nestjs/common (file-type) and
# @nestjs/cli declare node >= 22 in "engines"). Pinned to a patch release so a rebuild is the same image;
# move it forward deliberately, together with .nvmrc.

ARG NODE_IMAGE=node:22.22.2-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./

# all dependencies, for the TypeScript build
FROM base AS deps
RUN --mount=type=cache,target=/root/.npm \
    npm install --ignore-scripts

FROM deps AS build
COPY . .
RUN npm run build

# production dependencies only, for the runtime image: no dev tools and nothing only the demo uses
# (the demo's embedded PostgreSQL is a devDependency; production runs against a real PostgreSQL)
FROM base AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm install --omit=dev --ignore-scripts
RUN node -e "import('@node-rs/argon2').then((argon2) => argon2.hash('smoke-test'))"

FROM base AS runtime
ENV NODE_ENV=production
# package.json stays: "type": "module" and the "#domain"-style imports resolve through it at run time.
# Files stay owned by root, so the app (user node) cannot rewrite its own code.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
COPY seeds ./seeds
# mail templates and their words are read at run time, next to the code that renders them
COPY libs/notifications/templates ./libs/notifications/templates
COPY libs/notifications/locales ./libs/notifications/locales
USER node
# 3000: api; 3001: the worker's health endpoint
EXPOSE 3000 3001
CMD ["node", "dist/apps/api/src/main.js"]
