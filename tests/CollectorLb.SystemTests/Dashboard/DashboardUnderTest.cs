using CollectorLb.Dashboard.Hosting;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using Microsoft.AspNetCore.Builder;

namespace CollectorLb.SystemTests.Dashboard;

/// <summary>
/// A silo process (two DevServices connectors) and the dashboard in this process as its Orleans client,
/// reaching it through the gateway as it would in production. Shared by a test class.
/// </summary>
public sealed class DashboardUnderTest : IAsyncLifetime
{
    public const string Token = "test-operator-token-1234";

    private WebApplication? _dashboard;

    public SiloProcessHarness Silo { get; private set; } = null!;

    public string Url { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcessHarness.StartAsync("dash-host");
        var port = FreePorts.Tcp();
        Url = $"http://127.0.0.1:{port}";
        _dashboard = DashboardApplication.Build(
        [
            "--urls", Url,
            "--CollectorLb:Ports:GatewayPort", Silo.GatewayPort.ToString(CultureInfo.InvariantCulture),
            "--CollectorLb:Dashboard:OperatorToken", Token,
            "--CollectorLb:Dashboard:RefreshSeconds", "0.5",
        ]);
        await _dashboard.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dashboard is not null)
        {
            await _dashboard.StopAsync();
            await _dashboard.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
    }
}
