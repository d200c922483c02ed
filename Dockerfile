# syntax=docker/dockerfile:1
# OrgBridge: build the server bundle and the console, then run them on plain Node with production
# dependencies only. test/container-build.test.ts runs these stages' commands outside a container.

# ---- build: every dependency, `npm run build` (server → packages/server/dist, console → packages/web/dist)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/provider-kit/package.json packages/provider-kit/
COPY packages/wecom/package.json packages/wecom/
COPY packages/wecom-sim/package.json packages/wecom-sim/
COPY packages/dingtalk/package.json packages/dingtalk/
COPY packages/dingtalk-sim/package.json packages/dingtalk-sim/
COPY packages/test-world/package.json packages/test-world/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: the server's production dependencies, the compiled output, a non-root user
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/provider-kit/package.json packages/provider-kit/
COPY packages/wecom/package.json packages/wecom/
COPY packages/wecom-sim/package.json packages/wecom-sim/
COPY packages/dingtalk/package.json packages/dingtalk/
COPY packages/dingtalk-sim/package.json packages/dingtalk-sim/
COPY packages/test-world/package.json packages/test-world/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --omit=dev --workspace @orgbridge/server --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/packages/server/dist packages/server/dist
COPY --from=build /app/packages/server/drizzle packages/server/drizzle
COPY --from=build /app/packages/web/dist packages/web/dist
# The embedded database and the generated secret.key (0700, owned by the server's user).
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME /data
EXPOSE 3000
# No curl in the slim image: Node's fetch asks /livez (the process answers; /readyz is for load balancers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "packages/server/dist/server.js"]
