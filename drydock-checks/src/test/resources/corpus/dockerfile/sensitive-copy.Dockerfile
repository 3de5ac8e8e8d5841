FROM nginx:1.27.0-alpine3.19
COPY certs/ca.pem /etc/ssl/certs/internal-ca.pem
COPY certs/server-cert.pem /etc/nginx/tls/server.crt
COPY certs/server.key /etc/nginx/tls/server.key
COPY .git/HEAD /usr/share/nginx/html/version.txt
COPY .env.example /usr/share/nginx/html/env.example
COPY .env.production /usr/share/nginx/html/.env
COPY config/credentials.json /etc/app/
COPY --chown=nginx:nginx site/ /usr/share/nginx/html/
USER nginx
HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost:8080/"]
