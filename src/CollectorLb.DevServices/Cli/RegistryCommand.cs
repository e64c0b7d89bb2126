using CollectorLb.DevServices.Registry;

namespace CollectorLb.DevServices.Cli;

/// <summary><c>registry</c>: runs a <see cref="RegistryServer"/> until stopped.</summary>
internal static class RegistryCommand
{
    private static readonly IReadOnlyDictionary<string, RegistryBehavior> Behaviors = CliOptions.KebabNames<RegistryBehavior>();

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
        command.SetAction((parseResult, ct) => CliOptions.ServeUntilStoppedAsync(
            loggerFactory => RegistryServer.StartAsync(
                new RegistryServerOptions
                {
                    Host = parseResult.GetRequiredValue(host),
                    Port = parseResult.GetValue(port),
                    PingInterval = TimeSpan.FromSeconds(parseResult.GetValue(pingInterval)),
                    Behavior = Behaviors[parseResult.GetRequiredValue(behavior)],
                    SlowDelay = TimeSpan.FromMilliseconds(parseResult.GetValue(slowDelay)),
                    LoggerFactory = loggerFactory,
                },
                ct),
            ct));
        return command;
    }
}
