FROM alpine:3.20 AS base
RUN apk add --no-cache ca-certificates=20240705-r0

FROM base AS assets
COPY --from=assets /srv/www /srv/www
COPY --from=final /etc/motd /etc/motd

FROM golang:1.22 AS build
COPY --from=0 /etc/ssl/certs /etc/ssl/certs
COPY --from=3 /x /x
COPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/busybox
RUN go build -o /out/app ./...

FROM base AS final
COPY --from=build /out/app /usr/local/bin/app
USER 1000
HEALTHCHECK CMD ["/usr/local/bin/app", "-health"]
ENTRYPOINT ["/usr/local/bin/app"]
