namespace CollectorLb.SystemTests.Deployment;

/// <summary>The kustomize rendering of <c>k8s/</c> and its schema validation report, made once per test class.</summary>
public sealed class RenderedManifests : IAsyncLifetime
{
    public string Yaml { get; private set; } = string.Empty;

    public JsonObject Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Yaml = await ManifestValidation.RenderAsync();
        Report = await ManifestValidation.ValidateAsync(Yaml);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public JsonObject Object(string kind, string name) => ManifestValidation.Object(Report, kind, name);
}
