# One image for the cipdesk API and worker (docker-compose.yml picks the command).
# The desk (web/) is built with the development dependencies in a stage of its own.
FROM node:20-bookworm-slim AS desk
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY web ./web
RUN node node_modules/vite/bin/vite.js build --config web/vite.config.ts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
COPY --from=desk /app/web/dist ./web/dist
USER node
EXPOSE 3000
CMD ["npx", "tsx", "api/server.ts"]
