using CollectorLb.Testing.Paths;

namespace CollectorLb.SystemTests.Deployment;

public class KubernetesManifestTests(RenderedManifests manifests) : IClassFixture<RenderedManifests>
{
    private const string Namespace = "collectorlb";

    [Fact]
    public void Kustomize_RenderedManifests_PassKubernetesSchemaValidation()
    {
        var documents = ManifestValidation.Documents(manifests.Report).ToList();
        var errors = documents.Where(d => d["errors"]!.AsArray().Count > 0)
            .Select(d => $"{d["kind"]}/{d["name"]}: {string.Join("; ", d["errors"]!.AsArray())}").ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.True((bool)manifests.Report["valid"]!);
        Assert.StartsWith("kubernetes-models ", (string)manifests.Report["validator"]!);
        var kinds = documents.Select(d => $"{d["kind"]}/{d["name"]}").ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "Namespace/collectorlb", "StatefulSet/redis", "Service/redis", "ServiceAccount/collectorlb-silo", "Role/collectorlb-silo",
                "RoleBinding/collectorlb-silo", "ConfigMap/collectorlb", "DaemonSet/collectorlb-silo", "Deployment/collectorlb-dashboard",
                "Service/collectorlb-dashboard", "Service/collectorlb-silo", "NetworkPolicy/collectorlb-silo", "NetworkPolicy/redis",
            },
            kinds);
        Assert.All(documents.Where(d => (string?)d["kind"] != "Namespace"), d => Assert.Equal(Namespace, (string?)d["namespace"]));
    }

    [Fact]
    public async Task Validator_ManifestWithSchemaErrors_RejectsEachDocumentNamingTheField()
    {
        var report = await ManifestValidation.ValidateAsync("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: broken}
            spec:
              template:
                spec:
                  containers:
                    - name: silo
                      image: collectorlb
                      ports: [{containerPort: "eight", protocol: QUIC}]
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: unknown}
            """);

        Assert.False((bool)report["valid"]!);
        var daemonSet = string.Join("; ", ManifestValidation.Documents(report).Single(d => (string?)d["kind"] == "DaemonSet")["errors"]!.AsArray());
        Assert.Contains("required property selector", daemonSet);
        Assert.Contains("containerPort must be integer", daemonSet);
        Assert.Contains("protocol must be equal to one of the allowed values", daemonSet);
        Assert.Contains("no Kubernetes schema", (string)ManifestValidation.Documents(report).Single(d => (string?)d["kind"] == "Widget")["errors"]![0]!);
    }

    [Fact]
    public void SiloDaemonSet_OnePerCollectorNode_FlowsOnHostPathUdpOnHostPortProbesLimitsNonRoot()
    {
        var spec = manifests.Object("DaemonSet", "collectorlb-silo")["spec"]!["template"]!["spec"]!.AsObject();
        var silo = spec["containers"]!.AsArray().Single(c => (string?)c!["name"] == "silo")!.AsObject();

        Assert.Equal("collectorlb-silo", (string?)spec["serviceAccountName"]);
        Assert.Equal("true", (string?)spec["nodeSelector"]!["collectorlb.io/collector"]);
        Assert.Equal(["silo"], silo["args"]!.AsArray().Select(a => (string)a!));
        Assert.StartsWith("collectorlb:", (string?)silo["image"]);

        var netflow = silo["ports"]!.AsArray().Single(p => (string?)p!["name"] == "netflow")!;
        Assert.Equal(("UDP", 9999, 9999), ((string?)netflow["protocol"], (int)netflow["containerPort"]!, (int)netflow["hostPort"]!));
        Assert.Equal(["gateway", "http", "netflow", "silo"], silo["ports"]!.AsArray().Select(p => (string)p!["name"]!).Order());

        var flows = spec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "flows")!;
        Assert.Equal("/var/lib/collectorlb/netflows", (string?)flows["hostPath"]!["path"]);
        Assert.Contains(silo["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == "flows" && (string?)m["mountPath"] == "/var/lib/collectorlb/netflows");

        // Ready only when /readyz says so (cluster member, nfcapd, directory, registry); alive and started while it answers.
        foreach (var (probe, path) in new[] { ("readinessProbe", "/readyz"), ("livenessProbe", "/healthz"), ("startupProbe", "/healthz") })
        {
            Assert.Equal(path, (string?)silo[probe]!["httpGet"]!["path"]);
            Assert.Equal("http", (string?)silo[probe]!["httpGet"]!["port"]);
        }

        Assert.NotNull(silo["resources"]!["requests"]!["cpu"]);
        Assert.NotNull(silo["resources"]!["limits"]!["memory"]);
        Assert.True((bool)spec["securityContext"]!["runAsNonRoot"]!);
        Assert.False((bool)silo["securityContext"]!["allowPrivilegeEscalation"]!);
        Assert.Equal(["ALL"], silo["securityContext"]!["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public void SiloEnvironment_OldVariablesOurClusterSettingsAndPodIdentityForKubernetesHosting()
    {
        var config = manifests.Object("ConfigMap", "collectorlb")["data"]!.AsObject();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["NFCAPD_PORT"] = "9999",
            ["NFCAPD_INTERVAL_SECONDS"] = "60",
            ["REGISTRY_PORT"] = "5000",
            ["BENCHMARK_MODE"] = "false",
            ["CollectorLb__Cluster__Mode"] = "redis",
        })
        {
            Assert.Equal(value, (string?)config[name]);
        }

        Assert.True(config.ContainsKey("REGISTRY_IP"));
        Assert.False(config.ContainsKey("CollectorLb__Cluster__RedisConnectionString"), "the connection string carries the password: set per container");
        var silo = manifests.Object("DaemonSet", "collectorlb-silo")["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        Assert.Contains(silo["envFrom"]!.AsArray(), e => (string?)e!["configMapRef"]!["name"] == "collectorlb");
        var env = silo["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!.AsObject());
        Assert.Equal("spec.nodeName", (string?)env["CollectorLb__HostId"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("true", (string?)env["CollectorLb__Cluster__Kubernetes"]["value"]);
        Assert.Equal("metadata.name", (string?)env["POD_NAME"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("metadata.namespace", (string?)env["POD_NAMESPACE"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("status.podIP", (string?)env["POD_IP"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
    }

    [Fact]
    public void SiloRole_GrantsWhatKubernetesHostingNeeds_BoundToTheSilosServiceAccount()
    {
        var rule = Assert.Single(manifests.Object("Role", "collectorlb-silo")["rules"]!.AsArray())!;
        Assert.Equal(["pods"], rule["resources"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["get", "list", "patch", "watch"], rule["verbs"]!.AsArray().Select(v => (string)v!).Order());

        var binding = manifests.Object("RoleBinding", "collectorlb-silo");
        Assert.Equal("collectorlb-silo", (string?)binding["roleRef"]!["name"]);
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;
        Assert.Equal(("ServiceAccount", "collectorlb-silo"), ((string?)subject["kind"], (string?)subject["name"]));
    }

    [Fact]
    public void Redis_StatefulSetWithPersistentVolume_AndAService()
    {
        var redis = manifests.Object("StatefulSet", "redis")["spec"]!.AsObject();
        var claim = Assert.Single(redis["volumeClaimTemplates"]!.AsArray())!;
        Assert.Equal("data", (string?)claim["metadata"]!["name"]);
        Assert.Contains(redis["template"]!["spec"]!["containers"]![0]!["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == "data");
        Assert.Contains("--appendonly", redis["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(6379, (int)manifests.Object("Service", "redis")["spec"]!["ports"]![0]!["port"]!);
    }

    [Fact]
    public void NetworkPolicies_OnlyCollectorPodsReachSiloGatewayAndRedisPorts()
    {
        AssertOnlyCollectorPods(manifests.Object("NetworkPolicy", "collectorlb-silo"), ["gateway", "silo"]);
        AssertOnlyCollectorPods(manifests.Object("NetworkPolicy", "redis"), ["redis"]);

        // NetFlow from routers and the health port stay open to everyone.
        var open = manifests.Object("NetworkPolicy", "collectorlb-silo")["spec"]!["ingress"]!.AsArray().Single(r => r!["from"] is null)!;
        Assert.Equal(["http", "netflow"], open["ports"]!.AsArray().Select(p => (string)p!["port"]!).Order());
    }

    [Fact]
    public void RedisPassword_FromTheSecret_RequiredByRedis_AndComposedIntoTheSiloAndDashboardConnectionStrings()
    {
        foreach (var (kind, name) in new[] { ("DaemonSet", "collectorlb-silo"), ("Deployment", "collectorlb-dashboard") })
        {
            var container = manifests.Object(kind, name)["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
            var env = container["env"]!.AsArray().Select(e => e!.AsObject()).ToList();
            var password = env.FindIndex(e => (string?)e["name"] == "REDIS_PASSWORD");
            var connection = env.FindIndex(e => (string?)e["name"] == "CollectorLb__Cluster__RedisConnectionString");
            AssertFromRedisSecret(env[password]);

            // Kubernetes expands $(VAR) only from variables defined before it in env.
            Assert.True(password >= 0 && password < connection, $"{name}: REDIS_PASSWORD comes before the connection string");
            Assert.Equal("redis:6379,password=$(REDIS_PASSWORD)", (string?)env[connection]["value"]);
        }

        var redis = manifests.Object("StatefulSet", "redis")["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        var args = redis["args"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.Equal("$(REDIS_PASSWORD)", args[args.IndexOf("--requirepass") + 1]);
        var redisEnv = redis["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!.AsObject());
        AssertFromRedisSecret(redisEnv["REDIS_PASSWORD"]);
        AssertFromRedisSecret(redisEnv["REDISCLI_AUTH"]); // the redis-cli probes authenticate with it
        Assert.Equal(["redis-cli", "ping"], redis["readinessProbe"]!["exec"]!["command"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public void MetricsService_HeadlessOnTheSilosHttpPort()
    {
        var spec = manifests.Object("Service", "collectorlb-silo")["spec"]!.AsObject();

        Assert.Equal("None", (string?)spec["clusterIP"]);
        Assert.Equal("silo", (string?)spec["selector"]!["app.kubernetes.io/component"]);
        var port = Assert.Single(spec["ports"]!.AsArray())!;
        Assert.Equal(("http", 8081, "http"), ((string?)port["name"], (int)port["port"]!, (string?)port["targetPort"]));
    }

    [Fact]
    public async Task Overlay_ImagesAndTheMonitoringComponent_SetEveryCollectorLbImage_AndAddAValidServiceMonitorAndPrometheusRule()
    {
        using var overlay = new TempDirectory("overlay");
        var kustomization = $$"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - {{Path.GetRelativePath(overlay.Path, RepositoryPaths.Combine("k8s"))}}
            components:
              - {{Path.GetRelativePath(overlay.Path, RepositoryPaths.Combine("deploy", "monitoring", "kubernetes"))}}
            images:
              - name: collectorlb
                newName: registry.example.com/netflow/collectorlb
                newTag: "2.4.1"
            """;
        await File.WriteAllTextAsync(overlay.Combine("kustomization.yaml"), kustomization);

        var report = await ManifestValidation.ValidateAsync(await ManifestValidation.RenderAsync(overlay.Path));

        var errors = ManifestValidation.Documents(report).Where(d => d["errors"]!.AsArray().Count > 0).Select(d => $"{d["kind"]}/{d["name"]}: {d["errors"]!.ToJsonString()}");
        Assert.True((bool)report["valid"]!, string.Join("\n", errors));
        var images = ManifestValidation.Documents(report)
            .Where(d => d["object"]!["spec"]?["template"] is not null)
            .SelectMany(d => new[] { "initContainers", "containers" }.SelectMany(list => d["object"]!["spec"]!["template"]!["spec"]![list]?.AsArray() ?? []))
            .Select(c => (string)c!["image"]!)
            .Where(image => !image.StartsWith("redis:", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(3, images.Count); // silo, its init container, dashboard
        Assert.All(images, image => Assert.Equal("registry.example.com/netflow/collectorlb:2.4.1", image));

        var monitor = ManifestValidation.Object(report, "ServiceMonitor", "collectorlb-silo");
        Assert.Equal(Namespace, (string?)monitor["metadata"]!["namespace"]);
        var service = ManifestValidation.Object(report, "Service", "collectorlb-silo");
        Assert.All(
            monitor["spec"]!["selector"]!["matchLabels"]!.AsObject(),
            label => Assert.Equal((string?)label.Value, (string?)service["metadata"]!["labels"]![label.Key]));
        var endpoint = Assert.Single(monitor["spec"]!["endpoints"]!.AsArray())!;
        Assert.Equal(("http", "/metrics"), ((string?)endpoint["port"], (string?)endpoint["path"]));

        var rule = ManifestValidation.Object(report, "PrometheusRule", "collectorlb");
        Assert.Equal(Namespace, (string?)rule["metadata"]!["namespace"]);
        Assert.Contains(rule["spec"]!["groups"]![0]!["rules"]!.AsArray(), r => (string?)r!["alert"] == "CollectorLbNfcapdDown");
    }

    [Fact]
    public async Task Validator_ServiceMonitorWithSchemaErrors_IsRejected()
    {
        var report = await ManifestValidation.ValidateAsync("""
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: broken}
            spec:
              endpoints: [{port: 8081, interval: 15}]
            """);

        Assert.False((bool)report["valid"]!);
        var errors = string.Join("; ", ManifestValidation.Documents(report).Single()["errors"]!.AsArray());
        Assert.Contains("selector", errors);
    }

    private static void AssertFromRedisSecret(JsonObject variable)
    {
        var reference = variable["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal(("collectorlb-redis", "password"), ((string?)reference["name"], (string?)reference["key"]));
        Assert.NotEqual(true, (bool?)reference["optional"]);
    }

    private static void AssertOnlyCollectorPods(JsonObject policy, string[] ports)
    {
        var spec = policy["spec"]!.AsObject();
        Assert.Equal(["Ingress"], spec["policyTypes"]!.AsArray().Select(t => (string)t!));
        var rule = spec["ingress"]!.AsArray().Single(r => r!["from"] is not null)!;
        Assert.Equal(ports, rule["ports"]!.AsArray().Select(p => (string)p!["port"]!).Order());
        var selector = Assert.Single(rule["from"]!.AsArray())!["podSelector"]!["matchExpressions"]!.AsArray();
        Assert.Contains(selector, e => (string?)e!["key"] == "app.kubernetes.io/name" && e["values"]!.AsArray().Select(v => (string)v!).SequenceEqual(["collectorlb"]));
        Assert.Contains(selector, e => (string?)e!["key"] == "app.kubernetes.io/component");
    }
}
