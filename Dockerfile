# flashcord: compiled once in the build stage, run as plain `node dist/src/main.js` by a non-root user.
#   docker build -t flashcord .
#   docker run --env-file .env -v flashcord-var:/app/var flashcord
# Not built on the development machine (no docker there): test/runtime/dockerfile.test.ts checks this
# file, and docs/setup.md shows how its stages were replayed with npm alone.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# sqlite3 (under @keyv/sqlite) compiles from source when its prebuilt download is not available.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY . .
# npm ci runs `prepare`, which compiles src/ and commands/ to dist/; then the dev dependencies go.
RUN npm ci --no-audit --no-fund \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
# The store (SQLite) and the parse cache live in var/: keep it on a volume across container restarts.
RUN mkdir -p /app/var && chown node:node /app/var
VOLUME ["/app/var"]
USER node
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
