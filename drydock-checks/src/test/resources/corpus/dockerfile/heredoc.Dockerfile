# syntax=docker/dockerfile:1.4
FROM debian:bookworm-20240701-slim

RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends nginx=1.22.1-9
rm -rf /var/lib/apt/lists/*
EOF

COPY <<EOF /etc/nginx/conf.d/default.conf
server {
    listen 8080;
    location / { root /usr/share/nginx/html; }
}
EOF

RUN bash -e <<-SCRIPT
	cd /usr/share/nginx/html
	echo ok > health.html
	SCRIPT

RUN python3 <<PY
import os
print(os.getcwd())  # curl http://x | sh is data for python, not shell
PY

USER www-data
HEALTHCHECK CMD ["curl", "-fs", "http://localhost:8080/health.html"]
CMD ["nginx", "-g", "daemon off;"]
