ARG BASE_IMAGE=alpine:latest
ARG NODE_VERSION
ARG REGISTRY=docker.io

FROM ${BASE_IMAGE} AS tools
RUN apk add --no-cache jq

FROM ${REGISTRY}/library/node:${NODE_VERSION:-20.15.1}-alpine AS app
ARG APP_HOME=/srv/app
ENV APP_HOME=${APP_HOME} PORT=8080
WORKDIR ${APP_HOME}
COPY --from=tools /usr/bin/jq /usr/local/bin/jq
COPY . .
EXPOSE ${PORT}
USER node
HEALTHCHECK CMD ["node", "healthcheck.js"]
CMD ["node", "index.js"]
