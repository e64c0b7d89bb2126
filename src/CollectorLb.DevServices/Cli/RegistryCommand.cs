using System.CommandLine;

namespace CollectorLb.DevServices;

/// <summary><c>registry</c>: runs a <see cref="RegistryServer"/> until stopped.</summary>
internal static class RegistryCommand
{
    private static readonly Dictionary<string, RegistryBehavior> Behaviors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["normal"] = RegistryBehavior.Normal,
        ["services-not-served"] = RegistryBehavior.ServicesNotServed,
        ["fail500"] = RegistryBehavior.Fail500,
        ["not-json"] = RegistryBehavior.NotJson,
        ["slow"] = RegistryBehavior.Slow,
        ["huge-body"] = RegistryBehavior.HugeBody,
        ["empty"] = RegistryBehavior.Empty,
    };

    public static Command Create()
    {
        var host = CliOptions.Host();
        var port = CliOptions.Port(5000);
        var pingInterval = new Option<int>("--ping-interval-seconds")
        {
            Description = "Seconds between pings of every connector (0 = never ping)",
            DefaultValueFactory = _ => 60,
            Validators = { r => CliOptions.RequireRange(r, 0, 86_400) },
        };
        var behavior = new Option<string>("--behavior")
        {
            Description = "Fault to simulate",
            DefaultValueFactory = _ => "normal",
        };
        behavior.AcceptOnlyFromAmong([.. Behaviors.Keys]);
        var slowDelay = new Option<int>("--slow-delay-ms")
        {
            Description = "Delay of --behavior slow, in milliseconds",
            DefaultValueFactory = _ => 5000,
            Validators = { r => CliOptions.RequireRange(r, 0, int.MaxValue) },
        };

        var command = new Command("registry", "Run a stand-in Registry Service (POST /register /update /unregister, GET /target /services)")
        {
            host, port, pingInterval, behavior, slowDelay,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            using var loggerFactory = CliLogging.CreateFactory();
            var seconds = parseResult.GetValue(pingInterval);
            var server = await RegistryServer.StartAsync(
                new RegistryServerOptions
                {
                    Host = parseResult.GetRequiredValue(host),
                    Port = parseResult.GetValue(port),
                    PingInterval = seconds == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds),
                    Behavior = Behaviors[parseResult.GetRequiredValue(behavior)],
                    SlowDelay = TimeSpan.FromMilliseconds(parseResult.GetValue(slowDelay)),
                    LoggerFactory = loggerFactory,
                },
                ct).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                await CliOptions.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
