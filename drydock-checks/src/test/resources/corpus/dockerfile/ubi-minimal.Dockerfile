FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4-1194
RUN microdnf install -y java-17-openjdk-headless-17.0.11.0.9-3.el9 tzdata-2024a-1.el9 \
    && microdnf clean all
COPY target/quarkus-app/ /deployments/
USER 185
EXPOSE 8080
HEALTHCHECK --interval=15s --retries=3 CMD ["curl", "-fs", "http://localhost:8080/q/health/live"]
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
