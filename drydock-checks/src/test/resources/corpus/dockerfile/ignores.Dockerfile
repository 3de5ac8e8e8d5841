# hadolint global ignore=DL3059
# drydock ignore=DD-DF-002
FROM debian
# hadolint ignore=DL3008,DL3015
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# drydock ignore=DD-DF-009
RUN sudo -u nobody true
RUN sudo true
# hadolint ignore=DL3002
USER root
# drydock global ignore=DD-DF-011
