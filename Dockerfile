# tellonce service image. Build: docker build -t tellonce . (docker-compose.yml does it for you)
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -Dmaven.test.skip=true -pl profile-api -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /app tellonce
WORKDIR /app
COPY --from=build /src/profile-api/target/tellonce-profile-api-*-SNAPSHOT.jar /app/tellonce.jar
USER tellonce
EXPOSE 50051 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# Inside a container the ports must listen on every interface to be reachable at all; the service's
# own default is loopback only. Which of the host's interfaces reach them is the publisher's choice.
ENV TELLONCE_BIND_HOST=0.0.0.0
ENTRYPOINT ["java", "-jar", "/app/tellonce.jar"]
