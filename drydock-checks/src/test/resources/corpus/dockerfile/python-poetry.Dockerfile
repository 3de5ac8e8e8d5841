FROM python:3.12-bookworm AS build
ENV POETRY_HOME=/opt/poetry POETRY_VIRTUALENVS_IN_PROJECT=1
RUN curl -sSL https://install.python-poetry.org | python3 -
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN /opt/poetry/bin/poetry install --only main --no-root

FROM python:3.12-slim-bookworm
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY src/ ./src/
RUN adduser --disabled-password --gecos "" --uid 1001 app
USER app
ENV PATH="/app/.venv/bin:$PATH"
HEALTHCHECK CMD ["/app/.venv/bin/python", "-m", "src.health"]
ENTRYPOINT ["/app/.venv/bin/python", "-m", "src.main"]
