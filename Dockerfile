# syntax=docker/dockerfile:1
#
# Multi-stage build of the KTP web app (assembly `ktp`).
#   docker build -t ktp:local .
#   docker run --rm -p 8080:8080 -e ConnectionStrings__Ktp="Host=...;Database=ktp;Username=ktp_owner;Password=..." ktp:local
# ConnectionStrings__Ktp is the owner connection (migrations); the ktp_app / ktp_system connections are
# derived from it or given as ConnectionStrings__KtpApp / ConnectionStrings__KtpSystem (see README).
#
# The app is published framework-dependent on .NET 10 (see docs/adr/0007-net10-framework-dependent.md) and
# runs on the ASP.NET Core runtime image.
# Inside a container there are no PostgreSQL binaries: a connection string is required (the embedded
# PostgreSQL default is for developer machines only).

############################
# Build stage
############################
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build

ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    NUGET_XMLDOC_MODE=skip

# Node.js and npm build the BPMN modeler's bundle (src/Web/Orders/Modeler; Ktp.Web.csproj runs it). Build stage only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# 1) Restore with only the files that decide the dependency graph, so this layer is reused until a
#    project file or a package version changes. (The `*` entries are optional files: COPY skips a
#    wildcard that matches nothing as long as another source in the same line exists.)
COPY Directory.Build.props Directory.Packages.props Directory.Build.targets* NuGet.config* nuget.config* global.json* ./
COPY src/Domain/Ktp.Domain.csproj src/Domain/
COPY src/Infrastructure/Ktp.Infrastructure.csproj src/Infrastructure/
COPY src/Tenancy/Ktp.Tenancy.csproj src/Tenancy/
COPY src/FakeStripe/Ktp.FakeStripe.csproj src/FakeStripe/
COPY src/FakeProvisioning/Ktp.FakeProvisioning.csproj src/FakeProvisioning/
COPY src/Web/Ktp.Web.csproj src/Web/
RUN dotnet restore src/Web/Ktp.Web.csproj
# The modeler's npm packages, likewise kept until its lock file changes (only what the bundle needs; the build
# finds node_modules in place and does not install again; .dockerignore keeps a local node_modules out).
COPY src/Web/Orders/Modeler/package.json src/Web/Orders/Modeler/package-lock.json src/Web/Orders/Modeler/
RUN cd src/Web/Orders/Modeler && npm ci --omit=dev --no-audit --no-fund

# 2) Sources and publish (framework-dependent; the apphost is /app/ktp).
COPY . .
RUN dotnet publish src/Web/Ktp.Web.csproj \
        --no-restore \
        -c Release \
        -o /app

############################
# Runtime stage
############################
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# curl for the container health check (the base image has libicu, libssl, tzdata, ca-certificates).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# Non-root user with a fixed uid/gid so that volumes and Kubernetes securityContext can rely on it.
RUN groupadd --system --gid 10001 ktp \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin ktp

WORKDIR /app
# Application files stay owned by root: the app user can read and execute them but not change them.
COPY --from=build /app ./
# The only writable place inside the image (local file storage, if configured to the default path).
RUN mkdir -p /app/.data && chown 10001:10001 /app/.data

# ASPNETCORE_HTTP_PORTS (set by the base image) is cleared so that ASPNETCORE_URLS is the single source.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

USER 10001:10001
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl --fail --silent --show-error --max-time 4 http://127.0.0.1:8080/health/live > /dev/null || exit 1

ENTRYPOINT ["/app/ktp"]
