using System.Net.Http.Headers;
using System.Net.Http.Json;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Observability;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Dashboard;

public class OperatorTokenTests(DashboardUnderTest dashboard) : IClassFixture<DashboardUnderTest>
{
    [Fact]
    public async Task Requeue_WithoutTheToken_IsRefusedAndSaysSo_WithIt_TheQuarantinedFileIsDelivered()
    {
        var silo = dashboard.Silo;
        const string name = "nfcapd.202611270599";
        var quarantinedBefore = await QuarantinedCountAsync(silo);
        silo.DropInvalidFile(name);

        // The silo counts a quarantine once the grain's Quarantined state is written, after the sidecar and the move.
        await Eventually.TrueAsync(
            async () => await QuarantinedCountAsync(silo) > quarantinedBefore && File.Exists(Path.Combine(silo.QuarantineDirectory, name)),
            "the file is quarantined");
        using var http = new HttpClient { BaseAddress = new Uri(dashboard.Url) };
        var quarantine = await http.GetFromJsonAsync<JsonElement>("/api/quarantine");
        var key = quarantine.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("fileName").GetString() == name).GetProperty("key").GetString()!;
        var repaired = FlowFiles.Distinct(599);
        await File.WriteAllBytesAsync(Path.Combine(silo.QuarantineDirectory, name), repaired);

        using (var refused = await http.PostAsJsonAsync("/api/requeue", new { file = key }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("operator token", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/requeue") { Content = JsonContent.Create(new { file = key }) })
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-at-all");
            using var response = await http.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.True(File.Exists(Path.Combine(silo.QuarantineDirectory, name + ".json")), "a refused requeue leaves the file in quarantine");
        Assert.DoesNotContain(silo.AllReceived, r => r.FileName == name);

        using var accepted = new HttpRequestMessage(HttpMethod.Post, "/api/requeue") { Content = JsonContent.Create(new { file = key }) };
        accepted.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardUnderTest.Token);
        using var answer = await http.SendAsync(accepted);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Requeued", body.GetProperty("outcome").GetString());
        Assert.Equal(key, body.GetProperty("key").GetString());

        await silo.WaitUntilDeliveredAsync([name]);
        Assert.Equal(FlowFiles.Sha256(repaired), silo.AllReceived.Single(r => r.FileName == name).Sha256Hex);

        // A second requeue of the same file finds nothing to release.
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/requeue") { Content = JsonContent.Create(new { file = key }) };
        again.Headers.Add("X-Operator-Token", DashboardUnderTest.Token);
        using var conflict = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("NotQuarantined", (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task OrleansDashboard_IsBehindTheToken()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(dashboard.Url) };

        using (var page = new HttpRequestMessage(HttpMethod.Get, "/orleans/"))
        {
            page.Headers.Accept.ParseAdd("text/html");
            using var response = await http.SendAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login?returnUrl=", response.Headers.Location!.OriginalString);
        }

        using (var api = await http.GetAsync("/orleans/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }

        using var authorized = new HttpRequestMessage(HttpMethod.Get, "/orleans/");
        authorized.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardUnderTest.Token);
        using var served = await http.SendAsync(authorized);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("<html", await served.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // Reading needs no token.
        using var overview = await http.GetAsync("/api/overview");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        using var badState = await http.GetAsync("/api/files?state=Bogus");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
    }

    private static async Task<double> QuarantinedCountAsync(SiloProcessHarness silo) =>
        PrometheusText.Parse((await silo.GetAsync("/metrics")).Body).Sum("collectorlb_files_quarantined_total");
}
