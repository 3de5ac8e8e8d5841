FROM python:3.11.9-slim-bookworm AS builder
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install -r requirements.txt

FROM python:3.11.9-slim-bookworm
ENV PIP_NO_CACHE_DIR=1 \
    PATH="/opt/venv/bin:$PATH"
RUN useradd --create-home --uid 10001 appuser
COPY --from=builder /opt/venv /opt/venv
RUN pip install "uvicorn[standard]==0.30.1"
WORKDIR /home/appuser/app
COPY --chown=appuser:appuser app/ ./app/
USER 10001
HEALTHCHECK --interval=30s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
