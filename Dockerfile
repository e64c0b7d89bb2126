# syntax=docker/dockerfile:1
# One image for the silo (default), the dashboard and the CLI: `docker run collectorlb [silo|dashboard|cli] [args]`.
# `make test` publishes the same projects for linux-x64 and starts the published silo (tests/.../Deployment).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so source edits reuse the cached package layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/CollectorLb.Abstractions/CollectorLb.Abstractions.csproj src/CollectorLb.Abstractions/
COPY src/CollectorLb.Grains/CollectorLb.Grains.csproj src/CollectorLb.Grains/
COPY src/CollectorLb.Silo/CollectorLb.Silo.csproj src/CollectorLb.Silo/
COPY src/CollectorLb.Client/CollectorLb.Client.csproj src/CollectorLb.Client/
COPY src/CollectorLb.Dashboard/CollectorLb.Dashboard.csproj src/CollectorLb.Dashboard/
COPY src/CollectorLb.Cli/CollectorLb.Cli.csproj src/CollectorLb.Cli/
RUN for app in Silo Dashboard Cli; do dotnet restore "src/CollectorLb.$app/CollectorLb.$app.csproj" -r linux-x64 || exit 1; done
COPY src/ src/
RUN for app in Silo Dashboard Cli; do \
      dotnet publish "src/CollectorLb.$app/CollectorLb.$app.csproj" -c Release -r linux-x64 --self-contained false --no-restore -o "/app/$app" || exit 1; \
    done

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# nfcapd (nfdump) is supervised by the silo; curl answers the HEALTHCHECK.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nfdump curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 collectorlb \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/collectorlb --no-create-home collectorlb \
    && mkdir -p /var/lib/collectorlb/netflows \
    && chown -R 10001:10001 /var/lib/collectorlb
COPY --from=build /app /app
COPY --chmod=0755 scripts/container-entrypoint.sh /usr/local/bin/collectorlb
ENV CollectorLb__FlowDirectory=/var/lib/collectorlb/netflows \
    HEALTH_PORT=8081 \
    DOTNET_NOLOGO=1
WORKDIR /var/lib/collectorlb
USER 10001:10001
# NetFlow from routers (nfcapd), Orleans silo-to-silo, Orleans gateway (dashboard, CLI), silo HTTP (/healthz), dashboard.
EXPOSE 9999/udp 11111/tcp 30000/tcp 8081/tcp 8080/tcp
# The dashboard answers on its own port: run it with HEALTH_PORT=8080.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${HEALTH_PORT}/healthz" > /dev/null || exit 1
ENTRYPOINT ["/usr/local/bin/collectorlb"]
CMD ["silo"]
