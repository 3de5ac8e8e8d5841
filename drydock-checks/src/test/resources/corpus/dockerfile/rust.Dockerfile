FROM rust:1.79-bookworm AS chef
RUN cargo install cargo-chef --locked --version 0.1.67
WORKDIR /app

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --recipe-path recipe.json
COPY . .
RUN cargo build --release --bin app

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311 \
    && apt-get clean
COPY --from=builder /app/target/release/app /usr/local/bin/app
RUN useradd --uid 10001 --no-create-home app
USER 10001
ENTRYPOINT ["/usr/local/bin/app"]
