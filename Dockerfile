# Build stage: the same steps as .ci/run — a JDK, Node.js/npm and cc/make; ./mvnw builds
# xsnap-worker from @agoric/xsnap's C sources, the bundles, and the jar.
FROM eclipse-temurin:17-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm gcc make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -DskipTests package

# Runtime: a JRE, the jar, xsnap-worker, and the pinned runtime (bundles and bundle-source,
# which the kernel uses for sourceSpec vats), so Node.js stays for bundling only; curl for the
# health check in compose.yaml.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends nodejs curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/vatkernel-*.jar /app/vatkernel.jar
COPY --from=build /src/target/worker-runtime /app/worker-runtime
ENV KERNEL_WORKER_RUNTIME_DIR=/app/worker-runtime
VOLUME /app/data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/vatkernel.jar"]
