FROM ubuntu:24.04
RUN apt-get update
RUN apt-get upgrade -y && apt-get install -y --no-install-recommends tini=0.19.0-1 \
    && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get -y full-upgrade && rm -rf /var/lib/apt/lists/*
USER ubuntu
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["/usr/bin/tini", "--"]
