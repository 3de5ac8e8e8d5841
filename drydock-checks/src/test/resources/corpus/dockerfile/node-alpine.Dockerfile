FROM node:20.15-alpine3.20

RUN apk add --update python3 make g++ \
    && rm -rf /var/cache/apk/*

WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --chown=node:node . .

USER node
EXPOSE 3000
CMD node server.js
