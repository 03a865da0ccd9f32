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
ENTRYPOINT ["java", "-jar", "/app/tellonce.jar"]
