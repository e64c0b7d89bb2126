using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Dashboard;

public class DashboardBrowserTests(DashboardUnderTest dashboard, ITestOutputHelper output) : IClassFixture<DashboardUnderTest>
{
    [Fact]
    public async Task DashboardPage_InHeadlessChromium_ShowsDeliveredFilesAndBothConnectors_AndRequeueNeedsTheToken()
    {
        var silo = dashboard.Silo;
        var delivered = silo.DropFiles("nfcapd.20261127040", 5);
        await silo.WaitUntilDeliveredAsync(delivered.Keys);
        const string broken = "nfcapd.202611270499";
        silo.DropInvalidFile(broken);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(silo.QuarantineDirectory, broken + ".json")), "the broken file is quarantined");

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(dashboard.Url + "/");
        await browser.WaitUntilAsync(
            "document.querySelector('#connectors tbody').innerText.includes('connector-1') && document.querySelector('#connectors tbody').innerText.includes('connector-2')",
            "both connectors are listed");
        await browser.WaitUntilAsync(
            $"{JsonSerializer.Serialize(delivered.Keys)}.every(name => [...document.querySelectorAll('#files tbody tr')].some(row => row.innerText.includes(name) && row.innerText.includes('Deleted')))",
            "every delivered file is listed as Deleted");
        await browser.WaitUntilAsync($"document.querySelector('#quarantine tbody').innerText.includes('{broken}')", "the quarantined file is listed");

        Assert.Equal(2, (await browser.EvaluateAsync("document.querySelectorAll('#connectors tbody tr').length")).GetInt32());
        Assert.Equal(2, (await browser.EvaluateAsync("[...document.querySelectorAll('#connectors tbody tr')].filter(r => r.innerText.includes('healthy')).length")).GetInt32());
        Assert.Contains("dash-host", await browser.TextAsync("#hosts tbody"));
        var hostColumns = await browser.TextAsync("#hosts thead");
        Assert.All(["Detected", "Dispatching", "Delivered"], column => Assert.Contains(column, hostColumns));
        Assert.True(int.Parse(await browser.TextAsync("#card-delivered"), System.Globalization.CultureInfo.InvariantCulture) >= delivered.Count);
        Assert.Contains("detected", await browser.TextAsync("#files tbody"));
        Assert.Contains("deleted +", await browser.TextAsync("#files tbody"));

        var screenshot = await browser.ScreenshotAsync();
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "dashboard.png");
        await File.WriteAllBytesAsync(path, screenshot);
        output.WriteLine($"screenshot: {path}");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], screenshot.Take(4).ToArray());

        // Without the token the page's requeue is refused, and says so; the file stays quarantined.
        var requeueButton = $"[...document.querySelectorAll('#quarantine tbody tr')].find(r => r.dataset.key.endsWith('/{broken}')).querySelector('button.requeue')";
        await browser.EvaluateAsync($"{requeueButton}.click()");
        await browser.WaitUntilAsync("document.querySelector('#requeue-status').innerText.includes('Refused')", "the requeue is refused");
        Assert.Contains("operator token", await browser.TextAsync("#requeue-status"));
        Assert.True(File.Exists(Path.Combine(silo.QuarantineDirectory, broken + ".json")));

        // The operator repairs the file, signs in with the token, and requeues it: it is delivered.
        var repaired = FlowFiles.Distinct(499);
        await File.WriteAllBytesAsync(Path.Combine(silo.QuarantineDirectory, broken), repaired);
        await browser.NavigateAsync(dashboard.Url + "/login?returnUrl=%2F");
        await browser.WaitUntilAsync("document.querySelector('#token') !== null", "the sign-in page is shown");
        await browser.EvaluateAsync($"document.querySelector('#token').value = {JsonSerializer.Serialize(DashboardUnderTest.Token)}; document.querySelector('form').submit()");
        await browser.WaitUntilAsync("location.pathname === '/' && document.querySelector('#session').innerText.includes('operator')", "signed in and back on the dashboard");
        await browser.WaitUntilAsync($"document.querySelector('#quarantine tbody').innerText.includes('{broken}')", "the quarantined file is listed again");
        await browser.EvaluateAsync($"{requeueButton}.click()");
        await browser.WaitUntilAsync("document.querySelector('#requeue-status').innerText.includes('back in the spool')", "the requeue is accepted");

        await silo.WaitUntilDeliveredAsync([broken]);
        Assert.Equal(FlowFiles.Sha256(repaired), silo.AllReceived.Single(r => r.FileName == broken).Sha256Hex);
        await browser.WaitUntilAsync($"!document.querySelector('#quarantine tbody').innerText.includes('{broken}')", "the file left the quarantine list");
        await browser.WaitUntilAsync(
            $"document.querySelector('#card-quarantined').innerText === '0' && Number(document.querySelector('#card-delivered').innerText) >= {delivered.Count + 1}",
            "the live overview counts the requeued file as delivered");
        await File.WriteAllBytesAsync(Path.Combine(directory, "dashboard-after-requeue.png"), await browser.ScreenshotAsync());
    }

    [Fact]
    public async Task RequeueAllShown_InHeadlessChromium_SignedIn_Releases500QuarantinedFiles_ReportsHowMany_AndTheyAreDelivered()
    {
        const int count = 500;
        var silo = dashboard.Silo;
        var names = Enumerable.Range(0, count).Select(i => $"nfcapd.20261128{i:D4}").ToList();
        foreach (var name in names)
        {
            silo.DropInvalidFile(name);
        }

        await Eventually.TrueAsync(
            () => names.All(n => File.Exists(Path.Combine(silo.QuarantineDirectory, n + ".json"))),
            () => $"{names.Count(n => File.Exists(Path.Combine(silo.QuarantineDirectory, n + ".json")))} of {count} quarantined");
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            var repaired = FlowFiles.Distinct(1000 + i);
            await File.WriteAllBytesAsync(Path.Combine(silo.QuarantineDirectory, names[i]), repaired);
            expected[names[i]] = FlowFiles.Sha256(repaired);
        }

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(dashboard.Url + "/login?returnUrl=%2F");
        await browser.WaitUntilAsync("document.querySelector('#token') !== null", "the sign-in page is shown");
        await browser.EvaluateAsync($"document.querySelector('#token').value = {JsonSerializer.Serialize(DashboardUnderTest.Token)}; document.querySelector('form').submit()");
        await browser.WaitUntilAsync("location.pathname === '/' && document.querySelector('#session').innerText.includes('operator')", "signed in and back on the dashboard");

        // The operator narrows the list to this host and to files that are not nfcapd files: all 500, a page of 100 shown.
        await browser.WaitUntilAsync("[...document.querySelectorAll('#quarantine-host option')].some(o => o.value === 'dash-host')", "the host filter lists the host");
        await browser.EvaluateAsync("const host = document.querySelector('#quarantine-host'); host.value = 'dash-host'; host.dispatchEvent(new Event('change'))");
        await browser.EvaluateAsync("const reason = document.querySelector('#quarantine-reason'); reason.value = 'NOT AN NFCAPD'; reason.dispatchEvent(new Event('input'))");
        await browser.WaitUntilAsync(
            $"document.querySelectorAll('#quarantine tbody tr').length === 100 && document.querySelector('#quarantine-total').innerText.includes('{count} in all') && !document.querySelector('#quarantine-next').disabled",
            "the first page of the quarantine is shown, with more after it");

        await browser.EvaluateAsync("document.querySelector('#requeue-all').click()");
        await browser.WaitUntilAsync($"document.querySelector('#requeue-status').innerText.includes('{count} files went back to the spool; 0 refused')", "the page reports every file back");

        await silo.WaitUntilDeliveredAsync(names);
        var received = silo.AllReceived.Where(r => expected.ContainsKey(r.FileName)).ToList();
        Assert.Equal(count, received.Select(r => r.FileName).Distinct().Count());
        Assert.All(received, r => Assert.Equal(expected[r.FileName], r.Sha256Hex));
        await browser.WaitUntilAsync("document.querySelector('#quarantine tbody').innerText.trim() === '' && document.querySelector('#quarantine-total').innerText.includes('0 in all')", "the quarantine list is empty");
        Assert.Empty(Directory.EnumerateFileSystemEntries(silo.QuarantineDirectory));
    }
}
