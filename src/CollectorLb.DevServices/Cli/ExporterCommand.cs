using CollectorLb.DevServices.Exporter;

namespace CollectorLb.DevServices.Cli;

/// <summary><c>exporter</c>: sends synthetic NetFlow v5 to a collector until stopped.</summary>
internal static partial class ExporterCommand
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var target = new Option<string>("--target")
        {
            Description = "Collector address HOST:PORT (UDP)",
            DefaultValueFactory = _ => "127.0.0.1:9999",
            Validators =
            {
                r =>
                {
                    var value = r.GetValueOrDefault<string>();
                    if (!TrySplit(value, out _, out _))
                    {
                        r.AddError($"--target must be HOST:PORT with a port between 1 and 65535, got '{value}'");
                    }
                },
            },
        };
        var rate = new Option<int>("--flows-per-second")
        {
            Description = "Flow records per second",
            DefaultValueFactory = _ => 500,
            Validators = { r => CliOptions.RequireRange(r, 1, 10_000_000) },
        };
        var seed = new Option<int?>("--seed") { Description = "Random seed, for reproducible flows" };

        var command = new Command("exporter", "Send synthetic NetFlow v5 over UDP")
        {
            target, rate, seed,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            using var loggerFactory = CliLogging.CreateFactory();
            var logger = loggerFactory.CreateLogger("CollectorLb.DevServices.Exporter");
            var targetText = parseResult.GetRequiredValue(target);
            TrySplit(targetText, out var hostText, out var portNumber);
            IPEndPoint endPoint;
            try
            {
                endPoint = await ResolveAsync(hostText, portNumber, ct).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                await Console.Error.WriteLineAsync($"exporter: cannot resolve '{hostText}': {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            var flowsPerSecond = parseResult.GetValue(rate);
            var seedValue = parseResult.GetValue(seed);
            using var exporter = new NetFlowV5Exporter(endPoint, flowsPerSecond, seedValue is { } s ? new Random(s) : null);
            Started(logger, endPoint.ToString(), flowsPerSecond);
            var run = exporter.RunAsync(ct);
            using (var timer = new PeriodicTimer(ReportInterval))
            {
                try
                {
                    while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                    {
                        Progress(logger, exporter.FlowsSent, exporter.PacketsSent, endPoint.ToString());
                    }
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM.
                }
            }

            await run.ConfigureAwait(false);
            Progress(logger, exporter.FlowsSent, exporter.PacketsSent, endPoint.ToString());
            return 0;
        });
        return command;
    }

    private static bool TrySplit(string value, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
            || port is < 1 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        host = value[..colon].Trim('[', ']');
        return host.Length > 0;
    }

    private static async Task<IPEndPoint> ResolveAsync(string host, int port, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        // Container setups name the collector ("nfcapd:2055"); prefer IPv4 as nfcapd listens on IPv4 by default.
        var addresses = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(chosen, port);
    }

    [LoggerMessage(1, LogLevel.Information, "exporter: sending NetFlow v5 to {Target} at {FlowsPerSecond} flows/s")] private static partial void Started(ILogger logger, string target, int flowsPerSecond);
    [LoggerMessage(2, LogLevel.Information, "exporter: {Flows} flows in {Packets} packets sent to {Target}")] private static partial void Progress(ILogger logger, long flows, long packets, string target);
}
