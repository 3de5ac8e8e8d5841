FROM eclipse-temurin:21.0.3_9-jre-alpine AS runtime-base
RUN apk add --no-cache fontconfig ttf-dejavu && addgroup -S app && adduser -S -G app app
USER app
HEALTHCHECK --interval=20s CMD ["wget", "-q", "--spider", "http://localhost:8080/health"]

FROM maven:3.9-eclipse-temurin-21-alpine AS build
WORKDIR /build
COPY . .
RUN mvn -B package -DskipTests

FROM runtime-base
COPY --from=build /build/target/app.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
