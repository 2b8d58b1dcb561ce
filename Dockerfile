# syntax=docker/dockerfile:1
# Glocal's image: the executable glocal.jar on a Java 17 runtime. Build: docker build -t glocal:local .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The Maven cache survives between builds (BuildKit), so a code change does not download the
# dependencies again.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
# libtorch ships for linux-x86_64 inside the jar (pytorch-native-cpu); DJL unpacks it here once.
ENV DJL_CACHE_DIR=/tmp/djl-cache
RUN useradd --system --create-home --home-dir /home/glocal --uid 10001 glocal \
    && mkdir -p /data \
    && chown glocal:glocal /data
COPY --from=build /src/stream-app/target/glocal.jar /app/glocal.jar
USER glocal
WORKDIR /data
VOLUME /data
# Parallel GC: the stream side allocates short-lived records at a high rate, and G1's write barriers
# cost its stream thread 5-10% of its CPU (bench streams; see README's benchmark section).
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-Dai.djl.offline=true", "-jar", "/app/glocal.jar"]
CMD ["--help"]
