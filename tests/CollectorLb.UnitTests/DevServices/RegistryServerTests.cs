using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.Network;

namespace CollectorLb.UnitTests.DevServices;

public sealed class RegistryServerTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = HttpTestClient.Create();
    private RegistryServer _registry = null!;

    public async Task InitializeAsync() =>
        _registry = await RegistryServer.StartAsync(new RegistryServerOptions { PingInterval = TimeSpan.Zero });

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public void StartAsync_PortZero_BindsFreeLoopbackPort()
    {
        Assert.NotEqual(0, _registry.Port);
        Assert.Equal($"http://127.0.0.1:{_registry.Port}", _registry.Url);
        Assert.Equal(new Uri(_registry.Url), _registry.BaseUrl);
    }

    [Fact]
    public async Task Register_ValidBody_AnswersSuccessAndListsService()
    {
        var (status, body) = await HttpTestClient.PostJsonAsync(
            _http, _registry.Url + "/register", """{"name":"netflow-source-connector-1","url":"http://netflow-source-connector-service:7000"}""");

        Assert.Equal(200, status);
        Assert.Equal("""{"result":"success"}""", body);
        Assert.Equal("http://netflow-source-connector-service:7000", _registry.Services["netflow-source-connector-1"]);
    }

    [Theory]
    [InlineData("""{"name":"c1"}""")]
    [InlineData("""{"url":"http://c1:7000"}""")]
    [InlineData("""{"name":"","url":"http://c1:7000"}""")]
    [InlineData("""{"name":"c1","url":""}""")]
    [InlineData("""{"name":"c1","url":"not a url"}""")]
    [InlineData("""{"name":1,"url":"http://c1:7000"}""")]
    [InlineData("""["c1","http://c1:7000"]""")]
    [InlineData("""{"name":"c1","url":""")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Register_BadBody_Answers400WithMessage(string requestBody)
    {
        var (status, body) = await HttpTestClient.PostJsonAsync(_http, _registry.Url + "/register", requestBody);

        Assert.Equal(400, status);
        Assert.StartsWith("""{"result":"error","message":""", body, StringComparison.Ordinal);
        Assert.NotEmpty(HttpTestClient.Message(body));
        Assert.Empty(_registry.Services);
    }

    [Fact]
    public async Task Update_UnknownName_RegistersIt()
    {
        var (status, body) = await HttpTestClient.PostJsonAsync(_http, _registry.Url + "/update", """{"name":"c1","url":"http://c1:7000"}""");

        Assert.Equal(200, status);
        Assert.Equal("""{"result":"success"}""", body);
        Assert.Equal("http://c1:7000", _registry.Services["c1"]);
    }

    [Fact]
    public async Task Update_KnownName_ReplacesUrl()
    {
        _registry.Register("c1", "http://old:7000");

        var (status, _) = await HttpTestClient.PostJsonAsync(_http, _registry.Url + "/update", """{"name":"c1","url":"http://new:7000"}""");

        Assert.Equal(200, status);
        Assert.Equal("http://new:7000", Assert.Single(_registry.Services).Value);
    }

    [Fact]
    public async Task Update_MissingUrl_Answers400()
    {
        var (status, body) = await HttpTestClient.PostJsonAsync(_http, _registry.Url + "/update", """{"name":"c1"}""");

        Assert.Equal(400, status);
        Assert.NotEmpty(HttpTestClient.Message(body));
    }

    [Fact]
    public async Task Unregister_KnownName_RemovesIt()
    {
        _registry.Register("c1", "http://c1:7000");
        _registry.Register("c2", "http://c2:7000");

        var (status, body) = await HttpTestClient.PostJsonAsync(_http, _registry.Url + "/unregister", """{"name":"c1"}""");

        Assert.Equal(200, status);
        Assert.Equal("""{"result":"success"}""", body);
        Assert.Equal("c2", Assert.Single(_registry.Services).Key);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"name":""}""")]
    [InlineData("nope")]
    public async Task Unregister_BadBody_Answers400WithMessage(string requestBody)
    {
        var (status, body) = await HttpTestClient.PostJsonAsync(_http, _registry.Url + "/unregister", requestBody);

        Assert.Equal(400, status);
        Assert.NotEmpty(HttpTestClient.Message(body));
    }

    [Fact]
    public async Task Target_EmptyMap_Answers400NotAvailableService()
    {
        var (status, body) = await HttpTestClient.GetAsync(_http, _registry.Url + "/target");

        Assert.Equal(400, status);
        Assert.Equal("""{"result":"error","message":"Not available service"}""", body);
    }

    [Fact]
    public async Task Target_TwoServices_RoundRobinsAndAppendsConvert()
    {
        _registry.Register("a", "http://a:7000");
        _registry.Register("b", "http://b:7000");

        var bodies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (status, body) = await HttpTestClient.GetAsync(_http, _registry.Url + "/target");
            Assert.Equal(200, status);
            bodies.Add(body);
        }

        Assert.Equal(
            [
                """{"result":"success","name":"a","url":"http://a:7000/convert"}""",
                """{"result":"success","name":"b","url":"http://b:7000/convert"}""",
                """{"result":"success","name":"a","url":"http://a:7000/convert"}""",
                """{"result":"success","name":"b","url":"http://b:7000/convert"}""",
            ],
            bodies);
    }

    [Fact]
    public async Task Services_TwoEntries_AnswersObjectOfBaseUrls()
    {
        _registry.Register("netflow-source-connector-1", "http://netflow-source-connector-service:7000");
        _registry.Register("c2", "http://10.0.0.2:7000");

        using var response = await _http.GetAsync(_registry.Url + "/services");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"netflow-source-connector-1":"http://netflow-source-connector-service:7000","c2":"http://10.0.0.2:7000"}""", body);
    }

    [Fact]
    public async Task Services_EmptyMap_AnswersEmptyObject()
    {
        var (status, body) = await HttpTestClient.GetAsync(_http, _registry.Url + "/services");

        Assert.Equal(200, status);
        Assert.Equal("{}", body);
    }

    [Fact]
    public void Unregister_Programmatic_ReportsWhetherPresent()
    {
        _registry.Register("c1", "http://c1:7000");

        Assert.True(_registry.Unregister("c1"));
        Assert.False(_registry.Unregister("c1"));
        Assert.Empty(_registry.Services);
    }

    [Fact]
    public void Register_InvalidUrl_Throws()
    {
        Assert.Throws<ArgumentException>(() => _registry.Register("c1", "c1:7000"));
    }

    [Fact]
    public async Task UnknownRoute_Answers404()
    {
        var (status, _) = await HttpTestClient.GetAsync(_http, _registry.Url + "/nope");

        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Register_WithGet_Answers405()
    {
        var (status, _) = await HttpTestClient.GetAsync(_http, _registry.Url + "/register");

        Assert.Equal(405, status);
    }
}
