using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;

namespace CollectorLb.SystemTests.Deployment;

/// <summary>
/// Renders <c>k8s/</c> with <c>kubectl kustomize</c> and checks every document against the Kubernetes API's
/// JSON schemas with <c>k8s-validator/validate.mjs</c> (npm packages kubernetes-models and, for the Prometheus
/// Operator's resources, @kubernetes-models/prometheus-operator, installed by scripts/install-deps.sh), all offline.
/// </summary>
public static class ManifestValidation
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    public static string ValidatorDirectory => RepositoryPaths.Combine("tests", "CollectorLb.SystemTests", "Deployment", "k8s-validator");

    public static Task<string> RenderAsync() => RenderAsync(RepositoryPaths.Combine("k8s"));

    /// <summary>The rendering of the kustomization in <paramref name="directory"/>.</summary>
    public static async Task<string> RenderAsync(string directory)
    {
        var run = await ToolRun.RunAsync("kubectl", ["kustomize", directory], ToolTimeout);
        Assert.True(run.ExitCode == 0, $"kubectl kustomize {directory} failed: " + run.Describe());
        return run.Stdout;
    }

    /// <summary>Every document of a YAML file as JSON (the validator's YAML reader), to compare files by content.</summary>
    public static async Task<JsonArray> ReadYamlAsync(string path)
    {
        AssertInstalled();
        var run = await ToolRun.RunAsync("node", [Path.Combine(ValidatorDirectory, "to-json.mjs"), path], ToolTimeout, ValidatorDirectory);
        Assert.True(run.ExitCode == 0, $"{path} is not YAML: " + run.Describe());
        return JsonNode.Parse(run.Stdout)!.AsArray();
    }

    /// <summary>The validator's report: <c>{ validator, valid, documents: [{ apiVersion, kind, name, errors, object }] }</c>.</summary>
    public static async Task<JsonObject> ValidateAsync(string yaml)
    {
        AssertInstalled();
        using var file = new TempDirectory("manifests");
        var path = file.Combine("rendered.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var run = await ToolRun.RunAsync("node", [Path.Combine(ValidatorDirectory, "validate.mjs"), path], ToolTimeout, ValidatorDirectory);
        Assert.True(run.ExitCode is 0 or 1 && run.Stdout.Length > 0, "the validator did not run: " + run.Describe());
        return JsonNode.Parse(run.Stdout)!.AsObject();
    }

    private static void AssertInstalled() =>
        Assert.True(
            File.Exists(Path.Combine(ValidatorDirectory, "node_modules", ".package-lock.json"))
                && Directory.Exists(Path.Combine(ValidatorDirectory, "node_modules", "@kubernetes-models", "prometheus-operator")),
            $"The validator's npm packages are missing or old: run scripts/install-deps.sh test (npm ci in {ValidatorDirectory}).");

    public static IEnumerable<JsonObject> Documents(JsonObject report) =>
        report["documents"]!.AsArray().Select(d => d!.AsObject());

    public static JsonObject Object(JsonObject report, string kind, string name) =>
        Documents(report).Single(d => (string?)d["kind"] == kind && (string?)d["name"] == name)["object"]!.AsObject();
}
