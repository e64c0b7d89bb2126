using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CollectorLb.Cli;

/// <summary>An Orleans client connected to the cluster's gateways, quiet (its log would drown the output).</summary>
internal sealed class OrleansClusterSession(IHost host) : IClusterSession
{
    public IClusterViewGrain View => host.Services.GetRequiredService<IClusterClient>().GetClusterView();

    public static async Task<IClusterSession> ConnectAsync(ClusterConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => connection.Apply(client));
        var host = builder.Build();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await host.StartAsync(deadline.Token);
            return new OrleansClusterSession(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            host.Dispose();
        }
    }
}
