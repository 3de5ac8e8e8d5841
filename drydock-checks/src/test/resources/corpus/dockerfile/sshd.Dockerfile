FROM ubuntu:22.04

RUN apt-get update && apt-get install -y --no-install-recommends openssh-server=1:8.9p1-3ubuntu0.10 \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir /var/run/sshd

ARG ROOT_PASSWORD=changeme
RUN echo "root:${ROOT_PASSWORD}" | chpasswd \
    && sed -i 's/#PermitRootLogin prohibit-password/PermitRootLogin yes/' /etc/ssh/sshd_config

EXPOSE 22
HEALTHCHECK CMD pgrep sshd || exit 1
CMD ["/usr/sbin/sshd", "-D"]
