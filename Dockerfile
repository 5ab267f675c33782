# One image recipe for every service: docker build --build-arg SERVICE=relay -t tokenstream/relay .
# Build the jars first with ./mvnw -DskipTests package (the image copies target/quarkus-app).
FROM eclipse-temurin:17-jre
ARG SERVICE
WORKDIR /app
COPY ${SERVICE}/target/quarkus-app/lib/ /app/lib/
COPY ${SERVICE}/target/quarkus-app/*.jar /app/
COPY ${SERVICE}/target/quarkus-app/app/ /app/app/
COPY ${SERVICE}/target/quarkus-app/quarkus/ /app/quarkus/
# The collector each service runs with, as the local stack launches it (local-stack's Service.jvmOptions says why
# the relay runs the parallel one); JAVA_GC at run time replaces it.
RUN if [ "$SERVICE" = relay ]; then echo "-XX:+UseParallelGC" > /app/jvm-gc; else : > /app/jvm-gc; fi
USER 185
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENTRYPOINT ["sh", "-c", "exec java ${JAVA_GC:-$(cat /app/jvm-gc)} $JAVA_OPTS -jar /app/quarkus-run.jar"]
