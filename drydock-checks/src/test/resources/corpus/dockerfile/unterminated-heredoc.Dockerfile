FROM alpine:3.20
RUN apk add --no-cache bash=5.2.26-r0
RUN <<EOF
set -e
echo "building"
EO
CMD ["bash"]
