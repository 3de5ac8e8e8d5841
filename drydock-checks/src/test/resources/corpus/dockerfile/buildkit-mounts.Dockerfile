# syntax=docker/dockerfile:1
FROM python:3.12.4-slim-bookworm

RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
    && apt-get update \
    && apt-get install -y --no-install-recommends libpq5=15.7-0+deb12u1

RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \
    pip install -r /tmp/requirements.txt

RUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf \
    pip install --no-cache-dir private-lib==2.3.1

RUN --mount=type=cache,target=/root/.npm npm install -g npm corepack@0.29.2

RUN useradd -m app
USER app
COPY --chown=app . /home/app/src
HEALTHCHECK CMD ["python", "-c", "print('ok')"]
CMD ["python", "/home/app/src/main.py"]
