using System.Net.Http.Headers;
using System.Net.Http.Json;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Dashboard;

public class QuarantineApiTests(DashboardUnderTest dashboard) : IClassFixture<DashboardUnderTest>
{
    private const string Twice = "nfcapd.202611290999";

    [Fact]
    public async Task QuarantineApi_WalkedWithLimitAndAfter_VisitsEveryFileOnceInOrder_AndWithAReasonOnlyItsFiles()
    {
        var silo = dashboard.Silo;
        var garbage = Enumerable.Range(0, 30).Select(i => $"nfcapd.2026112906{i:D2}").ToList();
        var empty = Enumerable.Range(0, 8).Select(i => $"nfcapd.2026112907{i:D2}").ToList();
        foreach (var name in garbage.Append(Twice))
        {
            silo.DropInvalidFile(name);
        }

        foreach (var name in empty)
        {
            FlowFiles.RenameInto(silo.FlowDirectory, name, []);
        }

        await Eventually.TrueAsync(() => Quarantined().Count >= garbage.Count + empty.Count + 1, "every file is quarantined");
        silo.DropInvalidFile(Twice); // the name again: a claim folder
        await Eventually.TrueAsync(() => Quarantined().Count(q => q.FileName == Twice) == 2, "the name is quarantined twice");
        var expected = Quarantined().Select(q => q.Key).ToList();

        using var http = new HttpClient { BaseAddress = new Uri(dashboard.Url) };
        var keys = await WalkAsync(http, "limit=4");
        Assert.Equal(expected, keys);

        var emptyKeys = await WalkAsync(http, "limit=3&reason=" + Uri.EscapeDataString("Empty File") + "&host=dash-host");
        Assert.Equal(expected.Where(k => empty.Any(n => k.EndsWith("/" + n, StringComparison.Ordinal))), emptyKeys);
        Assert.Equal(empty.Count, emptyKeys.Count);

        var first = await http.GetFromJsonAsync<JsonElement>("/api/quarantine");
        Assert.Equal(expected.Count, first.GetProperty("total").GetInt64());
        Assert.Equal(expected.Count, Assert.Single(first.GetProperty("hosts").EnumerateArray()).GetProperty("files").GetInt64());
    }

    [Fact]
    public async Task QuarantineAndRequeueApis_ForgedInput_IsRefusedWith400SayingWhy_AndNothingIsTouched()
    {
        var before = Quarantined().Select(q => q.Key).ToList();
        using var http = new HttpClient { BaseAddress = new Uri(dashboard.Url) };
        foreach (var query in new[] { "limit=0", "limit=5000", "after=forged", "host=..%2Fx", "reason=" + new string('r', 300) })
        {
            using var response = await http.GetAsync("/api/quarantine?" + query);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, query);
            Assert.StartsWith("Refused: ", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        foreach (var file in new[] { "../../etc/passwd", "dash-host/../nfcapd.1", "dash-host/claim/nfcapd\0", new string('k', 100_000) })
        {
            using var response = await SendAsync(http, "/api/requeue", new { file });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Invalid", body.GetProperty("outcome").GetString());
            Assert.StartsWith("Refused: ", body.GetProperty("message").GetString());
        }

        using (var anonymous = await http.PostAsJsonAsync("/api/requeue-all", new { host = (string?)null }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        foreach (var request in new object[] { new { continuation = "forged" }, new { reason = new string('r', 300) }, new { host = "../x" } })
        {
            using var response = await SendAsync(http, "/api/requeue-all", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("Refused: ", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        Assert.Equal(before, Quarantined().Select(q => q.Key));
    }

    private List<CollectorLb.Abstractions.Quarantine.QuarantinedFile> Quarantined() =>
        QuarantineOnDisk.InListingOrder(dashboard.Silo.FlowDirectory, dashboard.Silo.HostId);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardUnderTest.Token);
        return await http.SendAsync(request);
    }

    /// <summary>Every page of <c>GET /api/quarantine</c>, following <c>next</c>; the keys in the order served.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient http, string query)
    {
        var keys = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/quarantine?{query}" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
            Assert.True(items.Count <= int.Parse(query.Split('&')[0]["limit=".Length..], CultureInfo.InvariantCulture));
            keys.AddRange(items);
            after = page.GetProperty("next").GetString();
            if (after is null)
            {
                return keys;
            }
        }

        throw new InvalidOperationException("the walk did not end");
    }
}
