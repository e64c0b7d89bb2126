using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;

namespace CollectorLb.DevServices;

/// <summary>Option factories and validators shared by the subcommands.</summary>
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
        if (value is not null
            && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            result.AddError($"{result.Option.Name} must be an absolute http(s) URL, got '{value}'");
        }
    }

    /// <summary>Runs until Ctrl-C/SIGTERM cancels <paramref name="ct"/>.</summary>
    public static async Task WaitForShutdownAsync(CancellationToken ct)
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
}
