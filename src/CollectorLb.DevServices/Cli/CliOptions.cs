using System.CommandLine.Parsing;
using CollectorLb.DevServices.Hosting;

namespace CollectorLb.DevServices.Cli;

/// <summary>Option factories, validators and the serve-until-stopped loop shared by the subcommands.</summary>
internal static class CliOptions
{
    public static Option<string> Host() => new("--host")
    {
        Description = "IP address to listen on (or 'localhost')",
        DefaultValueFactory = _ => "127.0.0.1",
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                try
                {
                    ListenEndpoint.ParseHost(value);
                }
                catch (ArgumentException)
                {
                    result.AddError($"--host must be an IP address or 'localhost', got '{value}'");
                }
            },
        },
    };

    public static Option<int> Port(int defaultPort) => new("--port")
    {
        Description = "TCP port to listen on (0 = any free port)",
        DefaultValueFactory = _ => defaultPort,
        Validators = { result => RequireRange(result, 0, IPEndPoint.MaxPort) },
    };

    public static void RequireRange(OptionResult result, int min, int max)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < min || value > max)
        {
            result.AddError($"{result.Option.Name} must be between {min} and {max}, got {value}");
        }
    }

    public static void RequireHttpUrl(OptionResult result)
    {
        var value = result.GetValueOrDefault<string?>();
        if (value is not null && !HttpUrl.IsAbsolute(value))
        {
            result.AddError($"{result.Option.Name} must be an absolute http(s) URL, got '{value}'");
        }
    }

    /// <summary>The values of an option naming a <typeparamref name="TEnum"/>: its members in kebab case (<c>NotJson</c>: <c>not-json</c>), in declaration order.</summary>
    public static IReadOnlyDictionary<string, TEnum> KebabNames<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(value => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()), StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts a server that logs to the console and runs it until Ctrl-C/SIGTERM cancels <paramref name="ct"/>; exit code 0.</summary>
    public static async Task<int> ServeUntilStoppedAsync<TServer>(Func<ILoggerFactory, Task<TServer>> start, CancellationToken ct)
        where TServer : IAsyncDisposable
    {
        using var loggerFactory = CliLogging.CreateFactory();
        var server = await start(loggerFactory).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM.
            }
        }

        return 0;
    }
}
