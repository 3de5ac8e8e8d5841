FROM debian:12.6-slim

# Install build deps; comments between continuation lines are dropped by Docker
RUN set -eux; \
    apt-get update; \
    # compilers
    apt-get install -y --no-install-recommends \
        gcc=4:12.2.0-3 \
        # headers
        libc6-dev=2.36-9+deb12u7 \

        make=4.3-4.1; \
    rm -rf /var/lib/apt/lists/*

RUN echo "a | b" > /tmp/literal-pipe \
 && grep -E 'x|y' /etc/hosts \
 || true

RUN ls /usr/lib \
    | wc -l

USER nobody
HEALTHCHECK NONE
