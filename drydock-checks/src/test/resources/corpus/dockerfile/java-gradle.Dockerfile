FROM gradle:8.8-jdk17 AS builder
COPY --chown=gradle:gradle . /home/gradle/src
WORKDIR /home/gradle/src
RUN gradle bootJar --no-daemon

FROM openjdk:17-jdk-slim
MAINTAINER platform-team@example.com
ADD build/libs/*.jar app.jar
COPY --from=builder /home/gradle/src/build/libs/app.jar /app.jar
ENV JAVA_OPTS="-Xms256m -Xmx512m"
EXPOSE 8080
ENTRYPOINT java $JAVA_OPTS -jar /app.jar
