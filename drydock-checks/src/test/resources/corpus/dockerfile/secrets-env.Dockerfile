FROM node:20.15.1-bookworm-slim

ARG GITHUB_TOKEN
ARG BUILD_DATE
ENV NODE_ENV=production \
    API_KEY=Qm9vZ2llV29vZ2llMTIzNDU2Nzg5MA \
    LOG_LEVEL=info
ENV DB_PASSWORD_FILE=/run/secrets/db_password
ENV SENTRY_DSN=https://f3a1b2c4d5e6@o123456.ingest.sentry.io/4505
ENV JWT_SECRET=""
ENV REDIS_URL=redis://:hunter2hunter2@cache:6379/0
ENV SMTP_PASSWORD ${SMTP_PASSWORD}

WORKDIR /app
COPY --chown=node:node . .
RUN --mount=type=secret,id=npmrc,target=/home/node/.npmrc npm ci --omit=dev
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
