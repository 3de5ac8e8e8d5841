FROM registry.access.redhat.com/ubi9/ubi:9.4

LABEL maintainer="ops@example.com" \
      io.k8s.description="Internal API"

RUN dnf install -y --setopt=tsflags=nodocs python3.11 python3.11-pip shadow-utils \
    && dnf clean all

RUN dnf -y module install nodejs:20 && dnf clean all
RUN useradd -u 1001 -r -g 0 -s /sbin/nologin app
COPY --chown=1001:0 . /opt/app
WORKDIR /opt/app
RUN python3.11 -m pip install --no-cache-dir -r requirements.txt
USER 1001
EXPOSE 8080
CMD ["python3.11", "app.py"]
