using System.Text.Json.Nodes;
using CollectorLb.Tests.TestSupport;

namespace CollectorLb.Tests.Deployment;

/// <summary>
/// Renders <c>k8s/</c> with <c>kubectl kustomize</c> and checks every document against the Kubernetes API's
/// JSON schemas with <c>k8s-validator/validate.mjs</c> (npm package kubernetes-models, installed by
/// scripts/install-deps.sh), all offline.
/// </summary>
public static class ManifestValidation
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    public static string ValidatorDirectory => RepositoryPaths.Combine("tests", "CollectorLb.Tests", "Deployment", "k8s-validator");

    public static async Task<string> RenderAsync()
    {
        var run = await ToolRun.RunAsync("kubectl", ["kustomize", RepositoryPaths.Combine("k8s")], ToolTimeout);
        Assert.True(run.ExitCode == 0, "kubectl kustomize k8s failed: " + run.Describe());
        return run.Stdout;
    }

    /// <summary>The validator's report: <c>{ validator, valid, documents: [{ apiVersion, kind, name, errors, object }] }</c>.</summary>
    public static async Task<JsonObject> ValidateAsync(string yaml)
    {
        Assert.True(
            Directory.Exists(Path.Combine(ValidatorDirectory, "node_modules", "kubernetes-models")),
            $"The validator's npm packages are missing: run scripts/install-deps.sh (npm ci in {ValidatorDirectory}).");
        using var file = new TempDirectory("manifests");
        var path = file.Combine("rendered.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var run = await ToolRun.RunAsync("node", [Path.Combine(ValidatorDirectory, "validate.mjs"), path], ToolTimeout, ValidatorDirectory);
        Assert.True(run.ExitCode is 0 or 1 && run.Stdout.Length > 0, "the validator did not run: " + run.Describe());
        return JsonNode.Parse(run.Stdout)!.AsObject();
    }

    public static IEnumerable<JsonObject> Documents(JsonObject report) =>
        report["documents"]!.AsArray().Select(d => d!.AsObject());

    public static JsonObject Object(JsonObject report, string kind, string name) =>
        Documents(report).Single(d => (string?)d["kind"] == kind && (string?)d["name"] == name)["object"]!.AsObject();
}
