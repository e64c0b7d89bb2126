using CollectorLb.DevServices.Connector;

namespace CollectorLb.DevServices.Cli;

/// <summary><c>connector</c>: runs a <see cref="ConnectorServer"/> until stopped.</summary>
internal static class ConnectorCommand
{
    private static readonly IReadOnlyDictionary<string, ConnectorMode> Modes = CliOptions.KebabNames<ConnectorMode>();

    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Connector name used with the registry", Required = true };
        var host = CliOptions.Host();
        var port = CliOptions.Port(7000);
        var output = new Option<string>("--out") { Description = "Folder the received files are stored in (created if missing)", Required = true };
        var registry = new Option<string?>("--registry")
        {
            Description = "Registry base URL to register with, e.g. http://localhost:5000",
            Validators = { CliOptions.RequireHttpUrl },
        };
        var advertise = new Option<string?>("--advertise-url")
        {
            Description = "URL to register instead of the listening address",
            Validators = { CliOptions.RequireHttpUrl },
        };
        var updateInterval = new Option<int>("--update-interval-seconds")
        {
            Description = "Seconds between registry refreshes",
            DefaultValueFactory = _ => 30,
            Validators = { r => CliOptions.RequireRange(r, 1, 86_400) },
        };
        var mode = new Option<string>("--mode") { Description = "How /convert answers", DefaultValueFactory = _ => "success" };
        mode.AcceptOnlyFromAmong([.. Modes.Keys]);
        var delay = new Option<int>("--delay-ms")
        {
            Description = "Delay of --mode slow, in milliseconds",
            DefaultValueFactory = _ => 2000,
            Validators = { r => CliOptions.RequireRange(r, 0, int.MaxValue) },
        };
        var failureRate = new Option<double>("--failure-rate")
        {
            Description = "Probability (0..1) that a request fails randomly (500, 400, reset or hang)",
            DefaultValueFactory = _ => 0,
            Validators =
            {
                r =>
                {
                    var value = r.GetValueOrDefault<double>();
                    if (!ConnectorServerOptions.IsValidFailureRate(value))
                    {
                        r.AddError($"--failure-rate must be between 0 and 1, got {value}");
                    }
                },
            },
        };
        var workers = new Option<int>("--workers")
        {
            Description = "How many /convert requests are handled at once (later ones wait, like a synchronous connector); 0: no limit",
            DefaultValueFactory = _ => 0,
            Validators = { r => CliOptions.RequireRange(r, 0, 10_000) },
        };
        var convert = new Option<bool>("--convert-with-nfdump") { Description = "Run nfdump over every stored file and fail when it fails" };

        var command = new Command("connector", "Run a stand-in connector (POST /convert?filename=NAME, GET /ping)")
        {
            name, host, port, output, registry, advertise, updateInterval, mode, delay, failureRate, workers, convert,
        };
        command.SetAction((parseResult, ct) => CliOptions.ServeUntilStoppedAsync(
            loggerFactory => ConnectorServer.StartAsync(
                new ConnectorServerOptions
                {
                    Name = parseResult.GetRequiredValue(name),
                    Host = parseResult.GetRequiredValue(host),
                    Port = parseResult.GetValue(port),
                    OutputDirectory = parseResult.GetRequiredValue(output),
                    RegistryUrl = parseResult.GetValue(registry),
                    AdvertisedUrl = parseResult.GetValue(advertise),
                    UpdateInterval = TimeSpan.FromSeconds(parseResult.GetValue(updateInterval)),
                    Mode = Modes[parseResult.GetRequiredValue(mode)],
                    Delay = TimeSpan.FromMilliseconds(parseResult.GetValue(delay)),
                    FailureRate = parseResult.GetValue(failureRate),
                    Workers = parseResult.GetValue(workers),
                    ConvertWithNfdump = parseResult.GetValue(convert),
                    LoggerFactory = loggerFactory,
                },
                ct),
            ct));
        return command;
    }
}
