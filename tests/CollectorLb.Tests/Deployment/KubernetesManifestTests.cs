using System.Text.Json.Nodes;

namespace CollectorLb.Tests.Deployment;

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
                "Service/collectorlb-dashboard", "NetworkPolicy/collectorlb-silo", "NetworkPolicy/redis",
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

        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            Assert.Equal("/healthz", (string?)silo[probe]!["httpGet"]!["path"]);
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
            ["NFCAPD_PORT"] = "9999", ["NFCAPD_INTERVAL_SECONDS"] = "60", ["REGISTRY_PORT"] = "5000", ["BENCHMARK_MODE"] = "false",
            ["CollectorLb__Cluster__Mode"] = "redis", ["CollectorLb__Cluster__RedisConnectionString"] = "redis:6379",
        })
        {
            Assert.Equal(value, (string?)config[name]);
        }

        Assert.True(config.ContainsKey("REGISTRY_IP"));
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
