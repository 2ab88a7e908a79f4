# syntax=docker/dockerfile:1
# One image for every avrogate service: the container runs `avrogate <command>` (registry, ingest, consume, bridge,
# check, ...), so docker-compose.yml only chooses the command and its settings.

# ---- build: the Maven wrapper on a JDK, exactly as ./avrogate builds locally --------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The cache mount keeps downloaded dependencies between image builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Dmaven.javadoc.skip=true package -pl cli -am

# ---- run: a JRE, the CLI jar with its libraries, and the schemas (for `avrogate check` and registration) ----------
FROM eclipse-temurin:17-jre
# curl is for the health checks; git for `avrogate check --against REF` on a mounted checkout. The service runs as
# an unprivileged user.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl git \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin avrogate \
 && mkdir -p /var/lib/avrogate && chown avrogate /var/lib/avrogate
WORKDIR /app
COPY --from=build /src/cli/target/avrogate-cli.jar /app/avrogate-cli.jar
# lib/ only: the broker jars (lib-broker/) serve `avrogate up` and `demo`, which the compose stack does not run.
COPY --from=build /src/cli/target/lib/ /app/lib/
COPY schemas/subjects/ /app/schemas/subjects/
COPY schemas/migrations/ /app/schemas/migrations/
USER avrogate
# The JVM sizes its heap from the container's memory limit; JAVA_TOOL_OPTIONS adds more options.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/avrogate-cli.jar:/app/lib/*", "io.avrogate.cli.Main"]
CMD ["--help"]
