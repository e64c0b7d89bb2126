using System.Text.Json;
using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.Network;

namespace CollectorLb.UnitTests.DevServices;

public sealed class RegistryBehaviorTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = HttpTestClient.Create();
    private RegistryServer _registry = null!;

    public async Task InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(new RegistryServerOptions
        {
            PingInterval = TimeSpan.Zero,
            SlowDelay = TimeSpan.FromMilliseconds(300),
        });
        _registry.Register("c1", "http://c1:7000");
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Behavior_ServicesNotServed_ServicesIs404TargetStillWorks()
    {
        _registry.Behavior = RegistryBehavior.ServicesNotServed;

        var services = await HttpTestClient.GetAsync(_http, _registry.Url + "/services");
        var target = await HttpTestClient.GetAsync(_http, _registry.Url + "/target");

        Assert.Equal(404, services.Status);
        Assert.Equal(200, target.Status);
        Assert.Equal("""{"result":"success","name":"c1","url":"http://c1:7000/convert"}""", target.Body);
    }

    [Theory]
    [InlineData("GET", "/services")]
    [InlineData("GET", "/target")]
    [InlineData("POST", "/register")]
    [InlineData("POST", "/update")]
    [InlineData("POST", "/unregister")]
    public async Task Behavior_Fail500_EveryRouteAnswers500(string method, string path)
    {
        _registry.Behavior = RegistryBehavior.Fail500;

        using var request = new HttpRequestMessage(new HttpMethod(method), _registry.Url + path);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"name":"c2","url":"http://c2:7000"}""");
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("http://c1:7000", Assert.Single(_registry.Services).Value);
    }

    [Theory]
    [InlineData("/services")]
    [InlineData("/target")]
    public async Task Behavior_NotJson_AnswersHtmlWith200(string path)
    {
        _registry.Behavior = RegistryBehavior.NotJson;

        var (status, body) = await HttpTestClient.GetAsync(_http, _registry.Url + path);

        Assert.Equal(200, status);
        Assert.Equal("<html>oops</html>", body);
    }

    [Fact]
    public async Task Behavior_Slow_WaitsSlowDelayThenAnswersNormally()
    {
        _registry.Behavior = RegistryBehavior.Slow;

        var watch = Stopwatch.StartNew();
        var (status, body) = await HttpTestClient.GetAsync(_http, _registry.Url + "/services");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"answered after {watch.Elapsed}");
        Assert.Equal(200, status);
        Assert.Equal("""{"c1":"http://c1:7000"}""", body);
    }

    [Fact]
    public async Task Behavior_HugeBody_StreamsValidJsonObjectOfAbout50MB()
    {
        _registry.Behavior = RegistryBehavior.HugeBody;

        using var response = await _http.GetAsync(_registry.Url + "/services", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var counting = new MemoryStream();
        await stream.CopyToAsync(counting);
        counting.Position = 0;
        using var document = await JsonDocument.ParseAsync(counting);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.InRange(counting.Length, 50L * 1024 * 1024, (50L * 1024 * 1024) + 1024);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.True(document.RootElement.EnumerateObject().Count() > 500_000);
    }

    [Fact]
    public async Task Behavior_Empty_ServicesIsEmptyObjectAndTargetAnswers400()
    {
        _registry.Behavior = RegistryBehavior.Empty;

        var services = await HttpTestClient.GetAsync(_http, _registry.Url + "/services");
        var target = await HttpTestClient.GetAsync(_http, _registry.Url + "/target");

        Assert.Equal((200, "{}"), services);
        Assert.Equal((400, """{"result":"error","message":"Not available service"}"""), target);
    }

    [Fact]
    public async Task Behavior_SwitchedBackToNormal_AnswersNormallyAgain()
    {
        _registry.Behavior = RegistryBehavior.Fail500;
        var failed = await HttpTestClient.GetAsync(_http, _registry.Url + "/services");
        _registry.Behavior = RegistryBehavior.Normal;
        var normal = await HttpTestClient.GetAsync(_http, _registry.Url + "/services");

        Assert.Equal(500, failed.Status);
        Assert.Equal((200, """{"c1":"http://c1:7000"}"""), normal);
    }
}
