FROM alpine:3.20.1

ARG TERRAFORM_VERSION=1.9.2
ARG KUBECTL_VERSION=v1.30.2

RUN apk add --no-cache curl=8.8.0-r0 unzip=6.0-r14 bash=5.2.26-r0 git=2.45.2-r0

SHELL ["/bin/ash", "-eo", "pipefail", "-c"]

RUN curl -fsSLo /tmp/terraform.zip "https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_linux_amd64.zip" \
    && curl -fsSL "https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_SHA256SUMS" | grep linux_amd64 | sha256sum -c - \
    && unzip /tmp/terraform.zip -d /usr/local/bin \
    && rm /tmp/terraform.zip

RUN wget -qO- "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl" > /usr/local/bin/kubectl \
    && chmod 0755 /usr/local/bin/kubectl

RUN wget -qO- https://get.helm.sh/helm-v3.15.2-linux-amd64.tar.gz | tar -xz -C /tmp && mv /tmp/linux-amd64/helm /usr/local/bin/

RUN adduser -D -u 1000 ci
USER ci
WORKDIR /home/ci
ENTRYPOINT ["/bin/bash"]
