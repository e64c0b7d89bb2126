using System.Text;
using System.Text.Encodings.Web;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;

namespace CollectorLb.SystemTests.Deployment;

/// <summary>
/// deploy/monitoring: the alert rules pass <c>promtool check rules</c> and their unit tests (<c>promtool test
/// rules</c>, Debian package prometheus), the PrometheusRule carries the same rules, and every query of the Grafana
/// dashboard is valid PromQL.
/// </summary>
public partial class MonitoringRulesTests
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    private static string Monitoring => RepositoryPaths.Combine("deploy", "monitoring");

    private static string RuleFile => Path.Combine(Monitoring, "collectorlb.rules.yml");

    private static string RuleTests => Path.Combine(Monitoring, "collectorlb.rules.test.yml");

    private static string Dashboard => Path.Combine(Monitoring, "collectorlb-dashboard.json");

    [Fact]
    public async Task RuleFile_PromtoolCheckRules_Passes()
    {
        var run = await PromtoolAsync("check", "rules", RuleFile);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("SUCCESS: 8 rules found", run.Stdout);
    }

    [Fact]
    public async Task RuleUnitTests_PromtoolTestRules_Pass()
    {
        var run = await PromtoolAsync("test", "rules", RuleTests);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("SUCCESS", run.Stdout);
    }

    [Fact]
    public async Task EveryAlert_HasAUnitTestWhereItFires()
    {
        var alerts = Alerts(await RuleGroupsAsync()).ToHashSet();
        var tests = (await ManifestValidation.ReadYamlAsync(RuleTests))[0]!["tests"]!.AsArray();
        var firing = tests
            .SelectMany(t => t!["alert_rule_test"]?.AsArray() ?? [])
            .Where(t => t!["exp_alerts"]?.AsArray().Count > 0)
            .Select(t => (string)t!["alertname"]!)
            .ToHashSet();

        Assert.Equal(
            ["CollectorLbConnectorUnhealthy", "CollectorLbNfcapdDown", "CollectorLbNoFileDelivered", "CollectorLbOldestFileWaiting",
             "CollectorLbQuarantineGrowing", "CollectorLbRegistryStale", "CollectorLbSiloDown", "CollectorLbSiloNotReady"],
            alerts.Order());
        Assert.Empty(alerts.Except(firing));
    }

    [Fact]
    public async Task PrometheusRule_SpecIsTheRuleFile()
    {
        var resource = (await ManifestValidation.ReadYamlAsync(Path.Combine(Monitoring, "kubernetes", "prometheus-rule.yaml")))[0]!;

        Assert.Equal("PrometheusRule", (string?)resource["kind"]);
        Assert.True(
            JsonNode.DeepEquals(await RuleGroupsAsync(), resource["spec"]!["groups"]),
            "deploy/monitoring/kubernetes/prometheus-rule.yaml's spec differs from collectorlb.rules.yml: copy the rule file's groups under spec:");
    }

    [Fact]
    public async Task Dashboard_EveryQueryIsValidPromQL_AndThePanelsTheOperatorNeedsAreThere()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Dashboard))!;
        var panels = dashboard["panels"]!.AsArray().Select(p => p!).ToList();
        var queries = panels
            .SelectMany(p => (p["targets"]?.AsArray() ?? []).Select(t => (Panel: (int)p["id"]!, RefId: (string)t!["refId"]!, Expr: (string)t["expr"]!)))
            .ToList();
        Assert.NotEmpty(queries);

        // Grafana's variables as Prometheus would see them, each query a recording rule of a scratch rule file.
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        foreach (var (panel, refId, expr) in queries)
        {
            var promql = expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$host", ".*", StringComparison.Ordinal);
            Assert.DoesNotContain("$", promql);
            rules.Append($"      - record: dashboard:panel_{panel}_{refId}\n        expr: {JsonSerializer.Serialize(promql, RelaxedJson)}\n");
        }

        using var scratch = new TempDirectory("dashboard-rules");
        var file = scratch.Combine("dashboard.rules.yml");
        await File.WriteAllTextAsync(file, rules.ToString());
        var run = await PromtoolAsync("check", "rules", file);
        Assert.True(run.ExitCode == 0, run.Describe() + "\n" + rules);
        Assert.Contains($"SUCCESS: {queries.Count} rules found", run.Stdout);

        var everything = string.Join('\n', queries.Select(q => q.Expr));
        foreach (var needed in new[]
        {
            "rate(collectorlb_files_delivered_total", "rate(collectorlb_delivered_bytes_total", "collectorlb_delivery_latency_seconds_bucket",
            "collectorlb_upload_duration_seconds_bucket", "sum by (connector) (rate(collectorlb_files_delivered_total", "collectorlb_upload_failures_total",
            "collectorlb_backlog_files", "collectorlb_oldest_waiting_file_age_seconds", "collectorlb_quarantine_files",
        })
        {
            Assert.Contains(needed, everything);
        }

        Assert.Contains(panels, p => p["title"]?.ToString() == "Share of deliveries by connector");
        Assert.Equal(3, Regex.Matches(everything, @"histogram_quantile\(0\.(5|95|99), sum by \(le\) \(rate\(collectorlb_delivery_latency").Count);
    }

    [Fact]
    public async Task EverySeriesTheRulesAndTheDashboardRead_IsInTheReadmesMetricsTable()
    {
        var readme = await File.ReadAllTextAsync(RepositoryPaths.Combine("README.md"));
        var documented = MetricName().Matches(string.Join('\n', readme.Split('\n').Where(line => line.StartsWith("| `collectorlb_", StringComparison.Ordinal))))
            .Select(m => m.Value)
            .ToHashSet();
        var used = MetricName().Matches(await File.ReadAllTextAsync(RuleFile) + await File.ReadAllTextAsync(Dashboard))
            .Select(m => HistogramSeries().Replace(m.Value, string.Empty))
            .ToHashSet();

        Assert.NotEmpty(documented);
        Assert.Empty(used.Except(documented));
    }

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<JsonNode> RuleGroupsAsync() => (await ManifestValidation.ReadYamlAsync(RuleFile))[0]!["groups"]!;

    private static IEnumerable<string> Alerts(JsonNode groups) =>
        groups.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string?)r!["alert"]).OfType<string>();

    private static async Task<ToolRun> PromtoolAsync(params string[] arguments)
    {
        try
        {
            return await ToolRun.RunAsync("promtool", arguments, ToolTimeout, Monitoring);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("promtool is missing: run scripts/install-deps.sh test (Debian package prometheus).", ex);
        }
    }

    [GeneratedRegex(@"collectorlb_[a-z_]+[a-z]")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"_(bucket|count|sum)$")]
    private static partial Regex HistogramSeries();
}
